/**
 * Grant-and-env binders: each gives a function exactly one capability from its Access in
 * infra/wiring.ts and sets the environment its handler needs to use it (names from shared/config.ts).
 * Nothing else in the stack grants a function anything.
 */
import { Aws } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ENV } from '../../shared/config.js';
import { TABLE } from '../../shared/adapters/dynamo/table.js';
import type { Access } from '../wiring.js';
import type { RunnudgeFunction } from './function.js';

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
  const actions = mode === 'encrypt' ? ['kms:Encrypt'] : mode === 'decrypt' ? ['kms:Decrypt'] : mode === 'both' ? ['kms:Encrypt', 'kms:Decrypt'] : [];
  if (actions.length > 0) key.grant(f.role, ...actions);
}

/** The app secrets (session key, Strava client secret, verify token): read access and their ARN. */
export function bindSecrets(f: RunnudgeFunction, secret: secretsmanager.ISecret): void {
  secret.grantRead(f.role);
  f.addEnvironment(ENV.APP_SECRETS_ARN, secret.secretArn);
}

/**
 * Texts go straight to phone numbers (SNS Publish with PhoneNumber). IAM evaluates a direct-to-phone
 * publish against resource "*" (a phone number has no ARN), so the Allow must name "*". The explicit
 * Deny on every SNS ARN (topics, platform endpoints) keeps that Allow from reaching anything but
 * phone numbers; SNS has no condition key for the destination number.
 */
export function bindSms(f: RunnudgeFunction): void {
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'SmsDirectToPhone', actions: ['sns:Publish'], resources: ['*'] }),
  );
  f.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'NoTopicOrEndpointPublish',
      effect: iam.Effect.DENY,
      actions: ['sns:Publish'],
      resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
    }),
  );
}
