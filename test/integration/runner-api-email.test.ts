/**
 * The runner-api handler as deployed (NOTIFY=sns), on dynalite, with SNS mocked (no local SNS exists):
 * saving an email address subscribes it to the runner's own topic before the settings change, an SNS
 * failure leaves the settings as they were, and deleting the account deletes the topic.
 */
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { resetCompositions } from '../../shared/app/capabilities/compose.js';
import { sessionCookie } from '../../shared/http/session.js';
import { startDynalite, createTestTable, type RunningDynalite, type TestTable } from '../support/dynalite.js';

const SECRET = 'runner-api-test-secret-0123456789';
const PREFIX = 'arn:aws:sns:us-east-1:123456789012:runnudge-runner-';
const sns = mockClient(SNSClient);
let db: RunningDynalite;
let table: TestTable;
let runnerId: string;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode?: number; body?: string }>;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: db.endpoint,
    BUS: 'local',
    NOTIFY: 'sns',
    CIPHER: 'aes',
    APP_SECRET: SECRET,
    EMAIL_TOPIC_PREFIX_ARN: PREFIX,
    PUBLIC_URL: 'https://runnudge.test',
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  resetCompositions();
  handler = (await import('../../functions/runner-api/handler.js')).handler as typeof handler;
  const runner = await new DynamoRunnerStore(table.client, table.tableName).upsertRunnerForAthlete({
    athleteId: 77,
    firstName: 'Mo',
    measurementPreference: 'meters',
  });
  runnerId = runner.runnerId;
});
afterAll(() => db.stop());
beforeEach(() => sns.reset());

function request(method: string, path: string, body?: unknown): APIGatewayProxyEventV2 {
  const cookie = sessionCookie(SECRET, runnerId, new Date(), true).split(';')[0]!;
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    cookies: [cookie],
    headers: { 'content-type': 'application/json' },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    } as APIGatewayProxyEventV2['requestContext'],
    ...(body ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}
const context = { functionName: 'runner-api', awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

it('subscribes a new email address to the runner topic, then saves it', async () => {
  const topicArn = `${PREFIX}${runnerId}`;
  sns.on(CreateTopicCommand).resolves({ TopicArn: topicArn });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: 'pending confirmation' });
  const res = await handler(request('PUT', '/api/me/settings', { email: 'mo@example.com' }), context);
  expect(res.statusCode).toBe(200);
  expect(JSON.parse(res.body!)).toMatchObject({ settings: { email: 'mo@example.com' }, emailStatus: 'pending-confirmation' });
  expect(sns.commandCalls(CreateTopicCommand)[0]!.args[0].input).toMatchObject({ Name: `runnudge-runner-${runnerId}` });
  expect(sns.commandCalls(SubscribeCommand)[0]!.args[0].input).toMatchObject({
    TopicArn: topicArn,
    Protocol: 'email',
    Endpoint: 'mo@example.com',
  });
});

it('keeps the old settings when SNS fails, with a clear error', async () => {
  sns.on(CreateTopicCommand).rejects(new Error('Throttled'));
  const res = await handler(request('PUT', '/api/me/settings', { email: 'new@example.com' }), context);
  expect(res.statusCode).toBe(502);
  expect(JSON.parse(res.body!)).toMatchObject({ error: { code: 'email_subscription_failed' } });
  const me = await handler(request('GET', '/api/me'), context);
  expect(JSON.parse(me.body!).settings.email).toBe('mo@example.com');
});

it('deleting the account deletes the email topic and the runner', async () => {
  sns.on(DeleteTopicCommand).resolves({});
  const res = await handler(request('DELETE', '/api/me'), context);
  expect(res.statusCode).toBe(200);
  expect(sns.commandCalls(DeleteTopicCommand)[0]!.args[0].input).toEqual({ TopicArn: `${PREFIX}${runnerId}` });
  expect((await table.scanAll()).filter((i) => String(i['pk']).includes(runnerId))).toEqual([]);
});
