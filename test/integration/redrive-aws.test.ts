/**
 * `npm run redrive -- --aws` (infra/local/redrive-aws.ts): the dead letters in the deployed table are
 * replayed onto the deployed bus and into the due queue, then removed. The table is dynalite; the
 * bus is EventBridge, which has no local implementation, so its client is mocked and the exact
 * PutEvents sent is asserted.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redriveOnAws } from '../../infra/local/redrive-aws.js';
import { DynamoDeadLetters } from '../../shared/adapters/dynamo/dead-letters.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { createTestTable, type RunningDynalite, startDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
const events = mockClient(EventBridgeClient);

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(async () => {
  events.restore();
  await db.stop();
});

it('republishes dead events to the bus, puts held texts back due now, and removes what was replayed', async () => {
  const letters = new DynamoDeadLetters(table.client, table.tableName);
  const runnerId = '5f0c8a52-3d2b-4a47-9d7e-2c1b2b6f4a10';
  const fetchEvent = {
    detailType: 'strava.activity' as const,
    detail: {
      athleteId: 7,
      activityId: '13000000001',
      aspect: 'create' as const,
      eventTime: 1,
      updates: {},
      attempt: 0,
      listed: false,
    },
  };
  await letters.put({
    id: 'fetch#1',
    kind: 'activity-fetch',
    runnerId,
    reason: 'strava-unavailable',
    attempts: 9,
    at: '2026-12-01T00:00:00Z',
    replay: { type: 'event', event: fetchEvent },
  });
  await letters.put({
    id: 'held#1',
    kind: 'held-text',
    runnerId,
    reason: 'provider-refused',
    attempts: 12,
    at: '2026-12-01T00:00:00Z',
    replay: {
      type: 'due',
      item: {
        runnerId,
        id: 'post-run-stretch#strava#13000000002',
        dueAt: '2026-12-01T00:00:00Z',
        payload: {
          type: 'message',
          ledgerKey: 'post-run-stretch#strava#13000000002',
          message: { runnerId, channel: 'sms', to: '+14155550123', kind: 'post-run-stretch', text: 'Stretch.' },
        },
      },
    },
  });
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  process.env['AWS_REGION'] ??= 'us-east-1';

  const result = await redriveOnAws({ tableName: table.tableName, eventBusName: 'runnudge-bus', dynamoEndpoint: db.endpoint });

  expect(result).toEqual({ republished: 1, rescheduled: 1, failed: 0 });
  const sent = events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries ?? []);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toHaveLength(1);
  const { Detail, ...entry } = sent[0]![0]!;
  expect(entry).toEqual({ Source: 'runnudge', DetailType: 'strava.activity', EventBusName: 'runnudge-bus' });
  // Key order is the store's (DynamoDB Local and dynalite differ), so compare the parsed detail.
  expect(JSON.parse(Detail!)).toEqual(fetchEvent.detail);
  const due = await new DynamoDueQueue(table.client, table.tableName).listDue(new Date(), 10);
  expect(due.map((d) => d.id)).toEqual(['post-run-stretch#strava#13000000002']);
  expect(await letters.list()).toEqual([]);
});

it('keeps a letter whose replay the bus refused, for the next redrive', async () => {
  const letters = new DynamoDeadLetters(table.client, table.tableName);
  await letters.put({
    id: 'fetch#2',
    kind: 'activity-fetch',
    runnerId: 'r-2',
    reason: 'strava-unavailable',
    attempts: 9,
    at: '2026-12-01T00:00:00Z',
    replay: { type: 'event', event: { detailType: 'strava.pending', detail: { runnerId: 'r-2', athleteId: 8 } } },
  });
  events.reset();
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
  const result = await redriveOnAws({ tableName: table.tableName, eventBusName: 'runnudge-bus', dynamoEndpoint: db.endpoint });
  expect(result).toEqual({ republished: 0, rescheduled: 0, failed: 1 });
  expect((await letters.list()).map((l) => l.id)).toEqual(['fetch#2']);
});
