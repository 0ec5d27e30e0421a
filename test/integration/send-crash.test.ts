/**
 * "A crash between any two lines neither loses nor doubles a text": the post-run use case and the
 * due-messages job on dynalite (ledger, due queue, outbox), with the process "dying" right after each
 * step of a send. A crash is simulated by letting the step take effect and then making that
 * worker's every later call throw, so nothing after it runs (not even its catch blocks' clean-up).
 * The retry is what the platform does after a crash: the bus redelivers the event, the next
 * due-messages run lists the item again — after the claim's lease.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutboxStore } from '../../infra/local/stand-ins/outbox-store.js';
import { OutboxNotifier } from '../../infra/local/stand-ins/outbox-notifier.js';
import { DynamoDeadLetters } from '../../shared/adapters/dynamo/dead-letters.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { defaultSettings } from '../../shared/domain/defaults.js';
import type { Workout } from '../../shared/domain/types.js';
import { deliverDue } from '../../shared/usecases/deliver-due.js';
import { nudgeAfterRun } from '../../shared/usecases/nudge-after-run.js';
import { SendInFlightError } from '../../shared/usecases/errors.js';
import { SEND_LEASE_SECONDS } from '../../shared/usecases/send-or-hold.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';
import { testRun } from '../support/workouts.js';

let db: RunningDynalite;
let table: TestTable;
let now = new Date('2026-05-04T12:00:00Z');
const clock = { now: () => new Date(now.getTime()) };
let athlete = 500;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(() => db.stop());

class Crash extends Error {}

/** Which call the worker dies right after: `port.method`, the nth time (1-based). */
interface CrashPoint {
  port: 'ledger' | 'due' | 'notifier';
  method: string;
  nth?: number;
}

/** The real stores; with a crash point, a worker that dies after that call. */
function worker(crashAt?: CrashPoint) {
  const outbox = new DynamoOutboxStore(table.client, table.tableName);
  const real = {
    ledger: new DynamoLedger(table.client, table.tableName),
    due: new DynamoDueQueue(table.client, table.tableName),
    notifier: new OutboxNotifier(outbox, clock, () => undefined),
  };
  let dead = false;
  let calls = 0;
  const wrap = <T extends object>(name: CrashPoint['port'], target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (dead) throw new Crash('dead worker');
          const out = await (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          if (crashAt && crashAt.port === name && crashAt.method === prop && ++calls === (crashAt.nth ?? 1)) {
            dead = true;
            throw new Crash(`crashed after ${name}.${String(prop)}`);
          }
          return out;
        };
      },
    });
  return {
    outbox,
    runners: new DynamoRunnerStore(table.client, table.tableName, clock),
    workouts: new DynamoWorkoutStore(table.client, table.tableName),
    ledger: wrap('ledger', real.ledger),
    due: wrap('due', real.due),
    notifier: wrap('notifier', real.notifier),
    publisher: { publish: async () => undefined },
    deadLetters: new DynamoDeadLetters(table.client, table.tableName),
    maxSendAttempts: 12,
    clock,
  };
}

const run = (runnerId: string, sourceId: string, startUtc: string): Workout =>
  testRun(runnerId, startUtc, { sourceId, name: 'Lunch Run', movingTimeS: 2600, elapsedTimeS: 2700, timeZone: 'Europe/London' });

async function runnerWithRun(startUtc: string) {
  const w = worker();
  const runner = await w.runners.upsertRunnerForAthlete({
    athleteId: ++athlete,
    firstName: 'Ana',
    measurementPreference: 'meters',
  });
  await w.runners.updateSettings(runner.runnerId, { ...defaultSettings('Europe/London'), phone: '+447911123456' });
  await w.workouts.putWorkout(run(runner.runnerId, String(athlete), startUtc));
  return {
    runnerId: runner.runnerId,
    detail: { runnerId: runner.runnerId, sourceId: String(athlete), aspect: 'create' as const, backfill: false },
  };
}

async function textsFor(runnerId: string) {
  return (await worker().outbox.list()).filter((m) => m.runnerId === runnerId);
}

const afterLease = () => {
  now = new Date(now.getTime() + (SEND_LEASE_SECONDS + 1) * 1000);
};

/** The bus's redelivery: fails while the crashed claim's lease lasts, succeeds (or finds it sent) after. */
async function redeliver(detail: Parameters<typeof nudgeAfterRun>[0]) {
  const early = await nudgeAfterRun(detail, worker()).catch((err: unknown) => err);
  if (early instanceof SendInFlightError) {
    afterLease();
    return nudgeAfterRun(detail, worker());
  }
  if (early instanceof Error) throw early;
  return early;
}

describe('a text sent straight away', () => {
  const points: CrashPoint[] = [
    { port: 'ledger', method: 'claim' },
    { port: 'notifier', method: 'send' },
    { port: 'ledger', method: 'recordSent' },
  ];
  for (const point of points) {
    it(`crash after ${point.port}.${point.method}: the redelivery texts exactly once`, async () => {
      now = new Date('2026-05-04T12:00:00Z');
      const { runnerId, detail } = await runnerWithRun('2026-05-04T11:00:00Z');
      await expect(nudgeAfterRun(detail, worker(point))).rejects.toBeInstanceOf(Crash);
      await redeliver(detail);
      await redeliver(detail); // and any later duplicate
      expect(await textsFor(runnerId)).toHaveLength(1);
    });
  }
});

describe('a text held for quiet hours', () => {
  const holdPoints: CrashPoint[] = [
    { port: 'ledger', method: 'claim' },
    { port: 'due', method: 'schedule' },
    { port: 'ledger', method: 'recordHeld' },
  ];
  const deliverPoints: CrashPoint[] = [
    { port: 'ledger', method: 'claim' },
    { port: 'notifier', method: 'send' },
    { port: 'ledger', method: 'recordSent' },
    { port: 'due', method: 'remove' },
  ];
  for (const hold of holdPoints) {
    for (const deliver of deliverPoints) {
      it(`crash after ${hold.port}.${hold.method} while holding, then after ${deliver.port}.${deliver.method} while delivering: one text`, async () => {
        now = new Date('2026-05-04T22:30:00Z'); // 23:30 in London: quiet hours until 07:00
        const { runnerId, detail } = await runnerWithRun('2026-05-04T21:30:00Z');
        await expect(nudgeAfterRun(detail, worker(hold))).rejects.toBeInstanceOf(Crash);
        await redeliver(detail);
        expect(await textsFor(runnerId)).toHaveLength(0); // still quiet hours

        now = new Date('2026-05-05T06:00:00Z');
        await expect(deliverDue(worker(deliver))).rejects.toBeInstanceOf(Crash);
        // The next runs of the job (every 5 minutes, and later ones past the lease) finish it.
        await deliverDue(worker());
        afterLease();
        await deliverDue(worker());
        await deliverDue(worker());
        await redeliver(detail); // a late redelivery of the event changes nothing
        expect(await textsFor(runnerId)).toHaveLength(1);
      });
    }
  }
});
