/**
 * Grant-and-env binders: each gives a function exactly one capability from its Access in
 * infra/wiring.ts and sets the environment its handler needs to use it (names from shared/config.ts).
 * Nothing else in the stack grants a function anything. A binder whose grant cdk-nag questions
 * acknowledges that finding itself, with its reason, so the grant and its reason change together.
 */
import { Aws } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ENV, type SecretName, SECRETS } from '../../shared/config.js';
import { TABLE } from '../../shared/adapters/dynamo/table.js';
import { EMAIL_TOPIC_NAME_PREFIX } from '../../shared/adapters/notify/email-topics.js';
import type { Access } from '../wiring.js';
import type { RunnudgeFunction } from './function.js';
import { acknowledge, iam5Resource } from './nag.js';
import { StackContextError } from './errors.js';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/**
 * Table access: the table and its one GSI by name (`/index/gsi1`, not `/index/*`, so no wildcard
 * for cdk-nag's IAM5 to question). Writes never touch the index directly.
 */
export function bindTable(f: RunnudgeFunction, table: dynamodb.ITable, mode: Access['table']): void {
  const actions: string[] = [...TABLE_READ_ACTIONS, ...(mode === 'readwrite' ? TABLE_WRITE_ACTIONS : [])];
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: mode === 'readwrite' ? 'TableReadWrite' : 'TableRead',
      actions,
      resources: [table.tableArn, `${table.tableArn}/index/${TABLE.gsi1.name}`],
    }),
  );
  f.addEnvironment(ENV.TABLE_NAME, table.tableName);
}

/**
 * The bus name goes to every function (the configuration schema requires it whenever BUS=eventbridge);
 * events:PutEvents on this bus only to publishers.
 */
export function bindBus(f: RunnudgeFunction, bus: events.IEventBus, publish: boolean): void {
  f.addEnvironment(ENV.BUS, 'eventbridge');
  f.addEnvironment(ENV.EVENT_BUS_NAME, bus.eventBusName);
  if (publish) bus.grantPutEventsTo(f.role);
}

/**
 * The token key's id goes to every function (the configuration schema requires it whenever
 * CIPHER=kms); kms:Encrypt and/or kms:Decrypt on this key only as access.cipher asks. No
 * ReEncrypt*, no GenerateDataKey*: the cipher calls Encrypt and Decrypt directly.
 */
export function bindCipher(f: RunnudgeFunction, key: kms.IKey, mode: Access['cipher']): void {
  f.addEnvironment(ENV.CIPHER, 'kms');
  f.addEnvironment(ENV.TOKEN_KEY_ID, key.keyArn);
  const actions =
    mode === 'encrypt'
      ? ['kms:Encrypt']
      : mode === 'decrypt'
        ? ['kms:Decrypt']
        : mode === 'both'
          ? ['kms:Encrypt', 'kms:Decrypt']
          : [];
  if (actions.length > 0) key.grant(f.role, ...actions);
}

/** Read access to exactly the secrets the function names, each with its ARN in the environment. */
export function bindSecrets(
  f: RunnudgeFunction,
  secrets: Record<SecretName, secretsmanager.ISecret>,
  names: readonly SecretName[],
): void {
  for (const name of names) {
    secrets[name].grantRead(f.role);
    f.addEnvironment(SECRETS[name].arn, secrets[name].secretArn);
  }
}

/**
 * Texts go straight to phone numbers (SNS Publish with PhoneNumber). IAM evaluates a direct-to-phone
 * publish against resource "*" (a phone number has no ARN), so the Allow must name "*". The explicit
 * Deny on every SNS ARN (topics, platform endpoints) keeps that Allow from reaching anything but
 * phone numbers; SNS has no condition key for the destination number.
 *
 * A function that also sends email (`emailTopics`) must publish to the runners' topics, which that
 * Deny would block (an explicit Deny beats any Allow). A Deny cannot carve the topics out:
 * `NotResource: [runnudge-runner-*]` would deny every request whose resource is not such a topic —
 * the direct-to-phone publish included, so texts would stop — and a statement cannot have both
 * Resource and NotResource, nor does SNS Publish offer a condition key for the topic. So such a
 * function gets the same bound written the other way round: Allow sns:Publish with NotResource
 * `arn:<partition>:sns:*:*:*` — every publish except to an SNS ARN, i.e. exactly "*" minus what the
 * Deny removes — and bindEmail adds the runners' topics in a statement of its own. Any other topic or
 * endpoint stays implicitly denied.
 */
export function bindSms(f: RunnudgeFunction, options: { emailTopics?: boolean } = {}): void {
  if (options.emailTopics) {
    f.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SmsDirectToPhone',
        actions: ['sns:Publish'],
        notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );
    return;
  }
  acknowledge(
    f.role,
    iam5Resource('*'),
    'sns:Publish straight to a phone number is authorized against "*" (a phone number has no ARN), and an explicit Deny on arn:aws:sns:*:*:* keeps it from topics and endpoints.',
  );
  f.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'SmsDirectToPhone', actions: ['sns:Publish'], resources: ['*'] }));
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'NoTopicOrEndpointPublish',
      effect: iam.Effect.DENY,
      actions: ['sns:Publish'],
      resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
    }),
  );
}

/** `arn:<partition>:sns:<region>:<account>:runnudge-runner-`: a runner's email topic is this + runner id. */
export const emailTopicArnPrefix = (): string =>
  `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:${EMAIL_TOPIC_NAME_PREFIX}`;

/** The runners' email topics: one wildcard over the name prefix (topics are created at run time). */
export const emailTopicsArn = (): string => `${emailTopicArnPrefix()}*`;

/** Their subscriptions: `<topic ARN>:<subscription id>`, the resource sns:Unsubscribe is authorized on. */
export const emailSubscriptionsArn = (): string => `${emailTopicArnPrefix()}*:*`;

/** emailTopicsArn / emailSubscriptionsArn as cdk-nag renders them in IAM5 findings. */
export const EMAIL_TOPICS_FINDING = `arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${EMAIL_TOPIC_NAME_PREFIX}*`;
export const EMAIL_SUBSCRIPTIONS_FINDING = `${EMAIL_TOPICS_FINDING}:*`;

const EMAIL_TOPICS_REASON =
  'One SNS topic per runner (runnudge-runner-<runnerId>), created at run time when the runner saves an email address, so no ARN exists at deploy time; the wildcard is bounded to this account, this region and the runnudge-runner- name prefix.';

export const EMAIL_SUBSCRIPTION_TOPIC_ACTIONS = [
  'sns:CreateTopic',
  'sns:DeleteTopic',
  'sns:ListSubscriptionsByTopic',
  'sns:SetTopicAttributes',
  'sns:Subscribe',
] as const;

/** A plain address (the SES identity and the From of every email); no display name. */
const SES_FROM = /^[^\s@<>"]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/;

/**
 * Email: sns:Publish on the runners' topics (plain-text email through each runner's subscription) and
 * their ARN prefix. With a verified SES sender (`sesFrom`, stack context), also ses:SendEmail and
 * EMAIL=ses + SES_FROM, so the notifier sends HTML email through SES. SES authorizes a send against
 * the verified identity behind the From address, which is the address itself or its domain
 * (whichever the operator verified), so both identity ARNs are named — no wildcard — and
 * ses:FromAddress pins the From to that one address. (An account-level default configuration set
 * would need ses:SendEmail on it as well.)
 */
export function bindEmail(f: RunnudgeFunction, sesFrom: string): void {
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'EmailTopicPublish', actions: ['sns:Publish'], resources: [emailTopicsArn()] }),
  );
  acknowledge(
    f.role,
    iam5Resource(EMAIL_TOPICS_FINDING),
    `sns:Publish of email to the runner’s own topic. ${EMAIL_TOPICS_REASON}`,
  );
  f.addEnvironment(ENV.EMAIL_TOPIC_PREFIX_ARN, emailTopicArnPrefix());
  if (!sesFrom) return;
  const match = SES_FROM.exec(sesFrom);
  if (!match) throw new StackContextError(`context sesFrom must be a plain email address, got ${JSON.stringify(sesFrom)}`);
  const identity = (name: string) => `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${name}`;
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'SesSendFromVerifiedSender',
      actions: ['ses:SendEmail'],
      resources: [identity(sesFrom), identity(match[1]!)],
      conditions: { StringEquals: { 'ses:FromAddress': sesFrom } },
    }),
  );
  f.addEnvironment(ENV.EMAIL, 'ses');
  f.addEnvironment(ENV.SES_FROM, sesFrom);
}

/**
 * The runners' email topics and subscriptions (EmailSubscriptions): create, set the SSL-only policy
 * and display name, list, subscribe and delete on `runnudge-runner-*` topics; unsubscribe on their
 * subscriptions (`runnudge-runner-*:*`; sns:Unsubscribe is evaluated against the subscription ARN,
 * not the topic's). Plus the ARN prefix.
 */
export function bindEmailSubscriptions(f: RunnudgeFunction): void {
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'RunnerEmailTopics',
      actions: [...EMAIL_SUBSCRIPTION_TOPIC_ACTIONS],
      resources: [emailTopicsArn()],
    }),
  );
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'RunnerEmailUnsubscribe',
      actions: ['sns:Unsubscribe'],
      resources: [emailSubscriptionsArn()],
    }),
  );
  acknowledge(
    f.role,
    iam5Resource(EMAIL_TOPICS_FINDING),
    `Create, subscribe, list, set the SSL-only policy and delete runner email topics. ${EMAIL_TOPICS_REASON}`,
  );
  acknowledge(
    f.role,
    iam5Resource(EMAIL_SUBSCRIPTIONS_FINDING),
    `sns:Unsubscribe only, which is authorized on the subscription ARN (<topic ARN>:<subscription id>, the id chosen by SNS), to move a runner's subscription when they change address. ${EMAIL_TOPICS_REASON}`,
  );
  f.addEnvironment(ENV.EMAIL_TOPIC_PREFIX_ARN, emailTopicArnPrefix());
}
