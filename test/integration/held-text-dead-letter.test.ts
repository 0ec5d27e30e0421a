/**
 * A held text the provider keeps refusing is not retried forever: after HELD_TEXT_MAX_ATTEMPTS sends
 * (5 minutes apart) it is dead-lettered, and a redrive sends it once the provider takes it again.
 * On dynalite, with the real ledger, due queue, dead-letter store and outbox.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DynamoOutboxStore } from '../../infra/local/stand-ins/outbox-store.js';
import { OutboxNotifier } from '../../infra/local/stand-ins/outbox-notifier.js';
import { DynamoDeadLetters } from '../../shared/adapters/dynamo/dead-letters.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { defaultSettings } from '../../shared/domain/defaults.js';
import type { Notifier } from '../../shared/ports/index.js';
import { deliverDue } from '../../shared/usecases/deliver-due.js';
import { nudgeAfterRun } from '../../shared/usecases/nudge-after-run.js';
import { redriveDeadLetters } from '../../shared/usecases/redrive-dead-letters.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
let now = new Date('2026-05-04T22:30:00Z'); // 23:30 in London: quiet hours
const clock = { now: () => new Date(now.getTime()) };
const MAX = 12;

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
    deadLetters: new DynamoDeadLetters(table.client, table.tableName),
    notifier: notifier ?? new OutboxNotifier(outbox, clock, () => undefined),
    publisher: { publish: async () => undefined },
    maxSendAttempts: MAX,
    clock,
  };
}

it('stops after the allowed tries, is dead-lettered, and a redrive sends it once', async () => {
  const d = deps();
  const runner = await d.runners.upsertRunnerForAthlete({ athleteId: 1, firstName: 'Ana', measurementPreference: 'meters' });
  await d.runners.updateSettings(runner.runnerId, { ...defaultSettings('Europe/London'), phone: '+447911123456' });
  await d.workouts.putWorkout({
    runnerId: runner.runnerId,
    source: 'strava',
    sourceId: '42',
    name: 'Late Run',
    sport: 'Run',
    tag: 'default',
    distanceM: 8000,
    movingTimeS: 2600,
    elapsedTimeS: 2700,
    startUtc: '2026-05-04T21:00:00Z',
    startLocal: '2026-05-04T22:00:00',
    localDate: '2026-05-04',
    timeZone: 'Europe/London',
    manual: false,
    laps: [],
  });
  const detail = { runnerId: runner.runnerId, sourceId: '42', aspect: 'create' as const, backfill: false };
  expect(await nudgeAfterRun(detail, d)).toMatchObject({ status: 'held' });

  let tries = 0;
  const refusing: Notifier = {
    send: async () => {
      tries++;
      throw new Error('provider refused');
    },
  };
  now = new Date('2026-05-05T06:00:00Z');
  // A week of the due job every 5 minutes would be 2,016 runs; it stops long before.
  for (let run = 0; run < 100; run++) {
    await deliverDue(deps(refusing));
    now = new Date(now.getTime() + 5 * 60_000);
  }
  expect(tries).toBe(MAX);
  const letters = await d.deadLetters.list();
  expect(letters).toMatchObject([{ kind: 'held-text', runnerId: runner.runnerId, attempts: MAX, replay: { type: 'due' } }]);
  expect(await d.outbox.list()).toHaveLength(0);
  // Meanwhile a redelivered event does not send it afresh: the ledger keeps it held.
  expect(await nudgeAfterRun(detail, d)).toMatchObject({ status: 'skipped', reason: 'already-sent' });

  expect(await redriveDeadLetters(d)).toEqual({ republished: 0, rescheduled: 1, failed: 0 });
  expect(await d.deadLetters.list()).toEqual([]);
  expect(await deliverDue(d)).toMatchObject({ sent: 1 });
  expect(await deliverDue(d)).toMatchObject({ sent: 0 });
  const texts = await d.outbox.list();
  expect(texts).toHaveLength(1);
  expect(texts[0]).toMatchObject({ kind: 'post-run-stretch', to: '+447911123456' });
});

it('a redriven text due in quiet hours waits for them to end', async () => {
  const d = deps();
  const runner = await d.runners.upsertRunnerForAthlete({ athleteId: 2, firstName: 'Bo', measurementPreference: 'meters' });
  await d.runners.updateSettings(runner.runnerId, { ...defaultSettings('Europe/London'), phone: '+447911123457' });
  now = new Date('2026-05-06T23:00:00Z'); // 00:00 in London
  await d.due.schedule({
    runnerId: runner.runnerId,
    id: 'post-run-stretch#strava#43',
    dueAt: now.toISOString(),
    payload: {
      type: 'message',
      ledgerKey: 'post-run-stretch#strava#43',
      message: { runnerId: runner.runnerId, channel: 'sms', to: '+447911123457', kind: 'post-run-stretch', text: 'Stretch.' },
    },
  });
  expect(await deliverDue(d)).toMatchObject({ sent: 0, held: 1 });
  now = new Date('2026-05-07T06:00:00Z'); // 07:00 in London
  expect(await deliverDue(d)).toMatchObject({ sent: 1 });
});
