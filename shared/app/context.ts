import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { parseConfig, SECRET_KEYS, type Config } from '../config.js';
import { runtimeClock } from '../adapters/clock.js';
import { AesCipher } from '../adapters/cipher/aes-cipher.js';
import { KmsCipher } from '../adapters/cipher/kms-cipher.js';
import { DynamoBackfillStore } from '../adapters/dynamo/backfill-store.js';
import { DynamoCheckInStore } from '../adapters/dynamo/checkin-store.js';
import { DynamoJobScheduleStore } from '../adapters/dynamo/job-schedule-store.js';
import type { CheckInStore, JobScheduleStore } from '../ports/training.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { DynamoDueQueue } from '../adapters/dynamo/due-queue.js';
import { DynamoEventDedupe } from '../adapters/dynamo/event-dedupe.js';
import { DynamoLedger } from '../adapters/dynamo/ledger.js';
import { DynamoOutboxStore } from '../adapters/dynamo/outbox-store.js';
import { DynamoPendingActivities } from '../adapters/dynamo/pending-activities.js';
import { DynamoReadBudget } from '../adapters/dynamo/read-budget.js';
import { DynamoRunnerStore } from '../adapters/dynamo/runner-store.js';
import { DynamoTokenStore } from '../adapters/dynamo/token-store.js';
import { DynamoWorkoutStore } from '../adapters/dynamo/workout-store.js';
import { EventBridgePublisher } from '../adapters/events/eventbridge-publisher.js';
import { InProcessPublisher } from '../adapters/events/in-process-publisher.js';
import { LocalEmailSubscriptions } from '../adapters/notify/local-email-subscriptions.js';
import { OutboxNotifier } from '../adapters/notify/outbox-notifier.js';
import { SesNotifier } from '../adapters/notify/ses-notifier.js';
import { SnsEmailSubscriptions } from '../adapters/notify/sns-email-subscriptions.js';
import { SnsNotifier } from '../adapters/notify/sns-notifier.js';
import { StravaClient } from '../adapters/strava/strava-client.js';
import type {
  BackfillStore,
  Cipher,
  Clock,
  DueQueue,
  EmailSubscriptions,
  EventDedupe,
  EventPublisher,
  Ledger,
  Notifier,
  PendingActivities,
  ReadBudget,
  RunnerStore,
  TokenStore,
  WorkoutStore,
} from '../ports/index.js';

/** Everything a handler may need, built once per cold start (lazily: a handler pays only for what it uses). */
export interface AppContext {
  config: Config;
  secrets: AppSecrets;
  clock: Clock;
  runners: RunnerStore;
  tokens: TokenStore;
  workouts: WorkoutStore;
  ledger: Ledger;
  due: DueQueue;
  backfills: BackfillStore;
  checkIns: CheckInStore;
  schedule: JobScheduleStore;
  dedupe: EventDedupe;
  /** Strava reads per runner per quarter hour, and the activity events waiting for a list. */
  readBudget: ReadBudget;
  pendingActivities: PendingActivities;
  publisher: EventPublisher;
  notifier: Notifier;
  /** The runner's email topic and subscription (SNS on AWS; a no-op beside the outbox). */
  emailSubscriptions: EmailSubscriptions;
  strava: StravaClient;
}

export interface AppSecrets {
  appSecret: string;
  stravaClientSecret: string | undefined;
  stravaVerifyToken: string | undefined;
}

const secretJson = z.object(Object.fromEntries(SECRET_KEYS.map((k) => [k, z.string().optional()])));

/** On AWS the secrets live in one Secrets Manager secret; locally they are plain environment variables. */
async function loadSecrets(config: Config): Promise<AppSecrets> {
  let values: Partial<Record<(typeof SECRET_KEYS)[number], string | undefined>> = {
    APP_SECRET: config.APP_SECRET,
    STRAVA_CLIENT_SECRET: config.STRAVA_CLIENT_SECRET,
    STRAVA_VERIFY_TOKEN: config.STRAVA_VERIFY_TOKEN,
  };
  if (config.APP_SECRETS_ARN) {
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: config.APP_SECRETS_ARN }));
    values = { ...values, ...secretJson.parse(JSON.parse(out.SecretString ?? '{}')) };
  }
  const appSecret = values.APP_SECRET;
  const problem = 'Invalid configuration: APP_SECRET is missing or shorter than 16 characters';
  // A function given the secrets fails at cold start when they are wrong; one without them (no
  // access.secrets in infra/wiring.ts) fails only if it ever reaches for the app secret.
  const meantToHave = config.APP_SECRETS_ARN !== undefined || config.APP_SECRET !== undefined;
  if (meantToHave && (!appSecret || appSecret.length < 16)) throw new Error(problem);
  return {
    get appSecret(): string {
      if (!appSecret || appSecret.length < 16) throw new Error(`${problem} (does this function have access.secrets?)`);
      return appSecret;
    },
    stravaClientSecret: values.STRAVA_CLIENT_SECRET,
    stravaVerifyToken: values.STRAVA_VERIFY_TOKEN,
  };
}

export async function buildContext(env: Record<string, string | undefined>): Promise<AppContext> {
  const config = parseConfig(env);
  const secrets = await loadSecrets(config);
  const clock = runtimeClock;
  const table = config.TABLE_NAME;
  const doc = createDocumentClient({ endpoint: config.DYNAMODB_ENDPOINT });
  const cipher: Cipher =
    config.CIPHER === 'kms' ? new KmsCipher(new KMSClient({}), config.TOKEN_KEY_ID ?? '') : new AesCipher(secrets.appSecret);
  const tokens = new DynamoTokenStore(doc, table, cipher);
  const publisher: EventPublisher =
    config.BUS === 'local'
      ? new InProcessPublisher()
      : new EventBridgePublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME ?? '');
  // Email: the runner's SNS topic by default; SES (HTML) when the operator configured a verified
  // sender (EMAIL=ses), texts still through SNS. Locally the outbox keeps both parts.
  const sns = config.NOTIFY === 'outbox' ? undefined : new SNSClient({});
  const topicArnPrefix = config.EMAIL_TOPIC_PREFIX_ARN;
  let notifier: Notifier;
  let emailSubscriptions: EmailSubscriptions;
  if (!sns) {
    notifier = new OutboxNotifier(new DynamoOutboxStore(doc, table), clock);
    emailSubscriptions = new LocalEmailSubscriptions(topicArnPrefix);
  } else {
    const snsNotifier = new SnsNotifier(sns, { topicArnPrefix });
    notifier =
      config.EMAIL === 'ses' ? new SesNotifier(new SESv2Client({}), snsNotifier, { from: config.SES_FROM ?? '' }) : snsNotifier;
    emailSubscriptions = new SnsEmailSubscriptions(sns, { topicArnPrefix });
  }
  return {
    config,
    secrets,
    clock,
    runners: new DynamoRunnerStore(doc, table, clock),
    tokens,
    workouts: new DynamoWorkoutStore(doc, table),
    ledger: new DynamoLedger(doc, table),
    due: new DynamoDueQueue(doc, table),
    backfills: new DynamoBackfillStore(doc, table),
    checkIns: new DynamoCheckInStore(doc, table),
    schedule: new DynamoJobScheduleStore(doc, table),
    dedupe: new DynamoEventDedupe(doc, table),
    readBudget: new DynamoReadBudget(doc, table),
    pendingActivities: new DynamoPendingActivities(doc, table),
    publisher,
    notifier,
    emailSubscriptions,
    strava: new StravaClient({
      apiUrl: config.STRAVA_API_URL,
      oauthUrl: config.STRAVA_OAUTH_URL,
      clientId: config.STRAVA_CLIENT_ID ?? '',
      clientSecret: secrets.stravaClientSecret ?? '',
      tokens,
      clock,
    }),
  };
}

let cached: Promise<AppContext> | undefined;

/** The handlers' shared context, built on first use from process.env and kept for the warm container. */
export function appContext(): Promise<AppContext> {
  cached ??= buildContext(process.env).catch((err: unknown) => {
    cached = undefined; // let the next invocation try again instead of caching the failure
    throw err;
  });
  return cached;
}

/** Drops the cached context (the local runtime and tests rebuild it after changing the environment). */
export function resetAppContext(): void {
  cached = undefined;
}
