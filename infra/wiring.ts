/**
 * The one routing table: which handler answers which trigger. The CDK stack (infra/aws) and the
 * local runtime (infra/local) both read it, so a route or rule exists in both places or in neither.
 * Entries are paths only: nothing from functions/ is imported here.
 */
import type { DetailType } from '../shared/ports/events.js';
import type { SecretName } from '../shared/config.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type Trigger =
  /**
   * An HTTP API route; `{name}` marks a path parameter (API Gateway syntax). `throttle` gives the
   * route a budget of its own on AWS (API Gateway route settings) instead of the stage default.
   */
  | { type: 'http'; method: HttpMethod; path: string; throttle?: Throttle }
  /** An EventBridge rule on the app's bus matching source "runnudge" and these detail types. */
  | { type: 'event'; detailTypes: DetailType[] }
  /** A scheduled job: EventBridge Scheduler on AWS, the clock-driven scheduler locally. */
  | { type: 'schedule'; job: string; rateMinutes: number };

/** Requests per second (steady) and burst, as API Gateway throttles a route. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/**
 * The webhook's own budget: Strava's deliveries for the app's athletes are a few per minute, so a
 * flood on any other route cannot crowd them out, and a flood on the webhook stops here.
 */
const WEBHOOK_THROTTLE: Throttle = { rateLimit: 20, burstLimit: 40 };

/** What a function may touch; the stack turns this into least-privilege grants and environment. */
export interface Access {
  table: 'read' | 'readwrite';
  publishEvents?: boolean;
  sendSms?: boolean;
  /**
   * Sends email: sns:Publish to the runners' email topics (`runnudge-runner-*`), and ses:SendEmail
   * from the verified sender when the stack has one (context `sesFrom`).
   */
  sendEmail?: boolean;
  /** Creates, subscribes and deletes the runners' email topics (settings change, account deletion). */
  manageEmailSubscriptions?: boolean;
  /** Token cipher use: KMS Encrypt and/or Decrypt on AWS. */
  cipher?: 'encrypt' | 'decrypt' | 'both';
  /**
   * The secrets it reads (shared/config.ts SECRETS): `app` to sign or check cookies, OAuth state and
   * links; `strava-client` to call Strava's token endpoint; `strava-verify` for the webhook handshake.
   */
  secrets?: readonly SecretName[];
}

export interface FunctionSpec {
  /** Folder under functions/ and the Lambda's logical name. */
  name: string;
  /** Path of the handler module from the repository root; it exports `handler`. */
  entry: string;
  triggers: Trigger[];
  access: Access;
  timeoutSeconds: number;
  memoryMb: number;
  /**
   * Reserved concurrency on AWS: the most instances this function may run at once, and what it
   * holds back from the account's pool. Set where a flood from outside (public routes) must not
   * spend the whole account's concurrency; past it, requests are throttled (API Gateway answers
   * 503/429 and Strava redelivers) instead of starving every other function.
   */
  reservedConcurrency?: number;
}

const entry = (name: string) => `functions/${name}/handler.ts`;

export const FUNCTIONS: FunctionSpec[] = [
  {
    name: 'strava-webhook',
    entry: entry('strava-webhook'),
    triggers: [
      { type: 'http', method: 'GET', path: '/webhooks/strava', throttle: WEBHOOK_THROTTLE },
      { type: 'http', method: 'POST', path: '/webhooks/strava', throttle: WEBHOOK_THROTTLE },
    ],
    // Reads the athlete lookup to ignore strangers and writes a dedupe record per delivery;
    // never calls Strava inside the request.
    access: { table: 'readwrite', publishEvents: true, secrets: ['strava-verify'] },
    timeoutSeconds: 5,
    memoryMb: 256,
    // Public and unsigned: anyone can post to it. Each call is a few ms of DynamoDB, so 10 instances
    // carry far more than Strava's delivery rate for the app's athletes.
    reservedConcurrency: 10,
  },
  {
    name: 'connect',
    entry: entry('connect'),
    triggers: [
      { type: 'http', method: 'GET', path: '/connect/strava' },
      { type: 'http', method: 'GET', path: '/connect/strava/callback' },
    ],
    // Decrypt too: a reconnect reads the stored tokens' version before replacing them.
    access: { table: 'readwrite', publishEvents: true, cipher: 'both', secrets: ['app', 'strava-client'] },
    timeoutSeconds: 10,
    memoryMb: 256,
    // Public before sign-in (the OAuth start and callback).
    reservedConcurrency: 5,
  },
  {
    name: 'runner-api',
    entry: entry('runner-api'),
    triggers: [
      { type: 'http', method: 'GET', path: '/settings' },
      { type: 'http', method: 'GET', path: '/api/me' },
      { type: 'http', method: 'PUT', path: '/api/me/settings' },
      { type: 'http', method: 'DELETE', path: '/api/me' },
      { type: 'http', method: 'POST', path: '/api/me/core-sessions' },
    ],
    access: { table: 'readwrite', cipher: 'both', secrets: ['app', 'strava-client'], manageEmailSubscriptions: true },
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'activity-sync',
    entry: entry('activity-sync'),
    triggers: [{ type: 'event', detailTypes: ['strava.activity', 'strava.athlete', 'strava.pending'] }],
    // A deauthorization confirmed with Strava deletes the runner, their email topic included.
    access: {
      table: 'readwrite',
      publishEvents: true,
      cipher: 'both',
      secrets: ['strava-client'],
      manageEmailSubscriptions: true,
    },
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    name: 'history-backfill',
    entry: entry('history-backfill'),
    triggers: [{ type: 'event', detailTypes: ['runner.connected', 'history.backfill'] }],
    // Pages through Strava's activity list and continues itself over the bus or, near the rate limit,
    // through the due queue; refreshes tokens (cipher both).
    access: { table: 'readwrite', publishEvents: true, cipher: 'both', secrets: ['strava-client'] },
    timeoutSeconds: 120,
    memoryMb: 256,
  },
  {
    name: 'post-run-nudge',
    entry: entry('post-run-nudge'),
    triggers: [{ type: 'event', detailTypes: ['workout.recorded'] }],
    access: { table: 'readwrite', sendSms: true },
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'due-messages',
    entry: entry('due-messages'),
    triggers: [{ type: 'schedule', job: 'due-messages', rateMinutes: 5 }],
    access: { table: 'readwrite', sendSms: true, publishEvents: true },
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  {
    name: 'check-in',
    entry: entry('check-in'),
    // One-tap links from texts and emails: core session, back-pain answer, plank result.
    triggers: [
      { type: 'http', method: 'GET', path: '/c/{token}' },
      { type: 'http', method: 'POST', path: '/c/{token}' },
    ],
    // A third "yes, back pain" in a row sends the referral email at once.
    access: { table: 'readwrite', secrets: ['app'], sendEmail: true },
    timeoutSeconds: 10,
    memoryMb: 256,
    // Public: the signed token is checked inside the function, after the invocation is paid for.
    reservedConcurrency: 5,
  },
  {
    name: 'training-rules',
    entry: entry('training-rules'),
    // Rules that react to a session at once: the speed-share warning.
    triggers: [{ type: 'event', detailTypes: ['workout.recorded'] }],
    access: { table: 'readwrite', sendSms: true },
    timeoutSeconds: 15,
    memoryMb: 256,
  },
  {
    name: 'scheduled-jobs',
    entry: entry('scheduled-jobs'),
    // Hourly: each run reads only the runners whose local time is due (sparse GSI) and fans them out.
    triggers: [
      { type: 'schedule', job: 'core-check', rateMinutes: 60 },
      { type: 'schedule', job: 'weekly-digest', rateMinutes: 60 },
    ],
    access: { table: 'read', publishEvents: true },
    timeoutSeconds: 300,
    memoryMb: 256,
  },
  {
    name: 'runner-jobs',
    entry: entry('runner-jobs'),
    triggers: [{ type: 'event', detailTypes: ['runner.connected', 'jobs.runner-batch'] }],
    access: { table: 'readwrite', sendSms: true, sendEmail: true, secrets: ['app'] },
    timeoutSeconds: 300,
    memoryMb: 512,
  },
];

/*
 * The triggers of a routing table by kind. Each takes the table as a parameter (FUNCTIONS unless
 * told otherwise), so the stack built from a test's own table and the local runtime read routes the
 * same way.
 */
type Specs = readonly FunctionSpec[];

export const httpRoutes = (specs: Specs = FUNCTIONS) =>
  specs.flatMap((fn) =>
    fn.triggers.flatMap((t) => (t.type === 'http' ? [{ fn, method: t.method, path: t.path, throttle: t.throttle }] : [])),
  );

export const eventRoutes = (specs: Specs = FUNCTIONS) =>
  specs.flatMap((fn) => fn.triggers.flatMap((t) => (t.type === 'event' ? [{ fn, detailTypes: t.detailTypes }] : [])));

/**
 * The input EventBridge Scheduler hands the job's function (it passes a target's `Input` verbatim);
 * the local scheduler invokes with the very same object.
 */
export const scheduleInput = (job: string) => ({ job });

export const scheduledJobs = (specs: Specs = FUNCTIONS) =>
  specs.flatMap((fn) =>
    fn.triggers.flatMap((t) => (t.type === 'schedule' ? [{ fn, job: t.job, rateMinutes: t.rateMinutes }] : [])),
  );
