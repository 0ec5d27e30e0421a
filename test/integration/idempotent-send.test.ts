/**
 * "A run must never produce two texts": the post-run use case on the DynamoDB ledger and due queue
 * (dynalite), with the outbox notifier, under the duplicates EventBridge may deliver at once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DynamoDeadLetters } from '../../shared/adapters/dynamo/dead-letters.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoOutboxStore } from '../../infra/local/stand-ins/outbox-store.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { OutboxNotifier } from '../../infra/local/stand-ins/outbox-notifier.js';
import { defaultSettings } from '../../shared/domain/defaults.js';
import type { Workout } from '../../shared/domain/types.js';
import type { BusEvent, Notifier } from '../../shared/ports/index.js';
import { deliverDue } from '../../shared/usecases/deliver-due.js';
import { nudgeAfterRun } from '../../shared/usecases/nudge-after-run.js';
import { SendInFlightError } from '../../shared/usecases/errors.js';
import { startDynalite, createTestTable, type RunningDynalite, type TestTable } from '../support/dynalite.js';
import { testRun } from '../support/workouts.js';

let db: RunningDynalite;
let table: TestTable;
let now = new Date('2026-05-04T12:00:00Z');
const clock = { now: () => new Date(now.getTime()) };

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(() => db.stop());

function deps(notifier?: Notifier) {
  const outbox = new DynamoOutboxStore(table.client, table.tableName);
  return {
    outbox,
    runners: new DynamoRunnerStore(table.client, table.tableName, clock),
    workouts: new DynamoWorkoutStore(table.client, table.tableName),
    ledger: new DynamoLedger(table.client, table.tableName),
    due: new DynamoDueQueue(table.client, table.tableName),
    notifier: notifier ?? new OutboxNotifier(outbox, clock, () => undefined),
    deadLetters: new DynamoDeadLetters(table.client, table.tableName),
    maxSendAttempts: 12,
    clock,
  };
}

const run = (runnerId: string, sourceId: string, startUtc: string): Workout =>
  testRun(runnerId, startUtc, { sourceId, name: 'Lunch Run', movingTimeS: 2600, elapsedTimeS: 2700, timeZone: 'Europe/London' });

async function newRunner(athleteId: number) {
  const d = deps();
  const runner = await d.runners.upsertRunnerForAthlete({ athleteId, firstName: 'Ana', measurementPreference: 'meters' });
  await d.runners.updateSettings(runner.runnerId, { ...defaultSettings('Europe/London'), phone: '+447911123456' });
  return runner.runnerId;
}

it('ten concurrent deliveries of one recorded run send exactly one text', async () => {
  const runnerId = await newRunner(1);
  const d = deps();
  await d.workouts.putWorkout(run(runnerId, '901', '2026-05-04T11:00:00Z'));
  const detail = { runnerId, sourceId: '901', aspect: 'create' as const, backfill: false };
  const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => nudgeAfterRun(detail, deps())));
  const sent = outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'sent');
  expect(sent).toHaveLength(1);
  // The others found the send claimed and not yet recorded (in flight), or already sent; an in-flight
  // one fails so the bus retries it, and the retry finds it sent.
  for (const o of outcomes) {
    if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(SendInFlightError);
    else if (o.value.status !== 'sent') expect(o.value).toEqual({ status: 'skipped', reason: 'already-sent' });
  }
  expect(await nudgeAfterRun(detail, deps())).toEqual({ status: 'skipped', reason: 'already-sent' });
  const texts = (await d.outbox.list()).filter((m) => m.runnerId === runnerId);
  expect(texts).toHaveLength(1);
  expect(texts[0]!.to).toBe('+447911123456');
});

it('a failed send is given back and the retry texts once', async () => {
  const runnerId = await newRunner(2);
  const d = deps();
  await d.workouts.putWorkout(run(runnerId, '902', '2026-05-04T11:00:00Z'));
  const detail = { runnerId, sourceId: '902', aspect: 'create' as const, backfill: false };
  const failing: Notifier = { send: async () => Promise.reject(new Error('SNS throttled')) };
  await expect(nudgeAfterRun(detail, deps(failing))).rejects.toThrow('SNS throttled');
  expect(await nudgeAfterRun(detail, d)).toMatchObject({ status: 'sent' });
  expect(await nudgeAfterRun(detail, d)).toMatchObject({ status: 'skipped', reason: 'already-sent' });
});

it('a held text goes out once even when two due-messages jobs overlap', async () => {
  const runnerId = await newRunner(3);
  now = new Date('2026-05-04T22:30:00Z'); // 23:30 in London (BST)
  const d = deps();
  await d.workouts.putWorkout(run(runnerId, '903', '2026-05-04T21:30:00Z'));
  const held = await nudgeAfterRun({ runnerId, sourceId: '903', aspect: 'create', backfill: false }, d);
  expect(held).toEqual({ status: 'held', dueAt: '2026-05-05T06:00:00.000Z' });

  now = new Date('2026-05-05T06:00:00Z');
  const publisher = { publish: async (_: BusEvent[]) => undefined };
  const [a, b] = await Promise.all([deliverDue({ ...deps(), publisher }), deliverDue({ ...deps(), publisher })]);
  expect(a.sent + b.sent).toBe(1);
  expect((await d.outbox.list()).filter((m) => m.runnerId === runnerId)).toHaveLength(1);
});
