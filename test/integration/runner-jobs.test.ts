/**
 * The per-runner jobs on real storage (dynalite) with the outbox notifier: the plank test offered on
 * a rest day to a runner with 6+ months of history (and not again for 4 weeks), the back-pain
 * referral after three weeks of reported pain despite core work, and the schedule moving forward.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DynamoBackfillStore } from '../../shared/adapters/dynamo/backfill-store.js';
import { DynamoCheckInStore } from '../../shared/adapters/dynamo/checkin-store.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoJobScheduleStore } from '../../shared/adapters/dynamo/job-schedule-store.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoOutboxStore } from '../../infra/local/stand-ins/outbox-store.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { OutboxNotifier } from '../../infra/local/stand-ins/outbox-notifier.js';
import { defaultSettings } from '../../shared/domain/defaults.js';
import type { Runner, Workout } from '../../shared/domain/types.js';
import { runRunnerJob, scheduleRunnerJobs, type RunnerJobDeps } from '../../shared/usecases/runner-jobs.js';
import { deliverDue } from '../../shared/usecases/deliver-due.js';
import { runJobBatch } from '../../shared/usecases/run-job-batch.js';
import { fanOutJob } from '../../shared/usecases/fan-out-job.js';
import { startDynalite, createTestTable, type RunningDynalite, type TestTable } from '../support/dynalite.js';
import { testRun } from '../support/workouts.js';

let db: RunningDynalite;
let table: TestTable;
let now = new Date('2026-06-01T10:00:00Z');
const clock = { now: () => new Date(now.getTime()) };

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(() => db.stop());

function deps(): RunnerJobDeps & { outbox: DynamoOutboxStore; runners: DynamoRunnerStore; workoutStore: DynamoWorkoutStore } {
  const outbox = new DynamoOutboxStore(table.client, table.tableName);
  const workoutStore = new DynamoWorkoutStore(table.client, table.tableName);
  return {
    outbox,
    workoutStore,
    runners: new DynamoRunnerStore(table.client, table.tableName, clock),
    workouts: workoutStore,
    checkIns: new DynamoCheckInStore(table.client, table.tableName),
    schedule: new DynamoJobScheduleStore(table.client, table.tableName),
    ledger: new DynamoLedger(table.client, table.tableName),
    due: new DynamoDueQueue(table.client, table.tableName),
    notifier: new OutboxNotifier(outbox, clock, () => undefined),
    clock,
    publicUrl: 'https://runnudge.test',
    linkSecret: 'integration-link-secret-0123456789',
  };
}

async function runner(athleteId: number, email = false): Promise<Runner> {
  const d = deps();
  const r = await d.runners.upsertRunnerForAthlete({ athleteId, firstName: 'Kai', measurementPreference: 'meters' });
  return d.runners.updateSettings(r.runnerId, {
    ...defaultSettings('Europe/Madrid'),
    phone: '+34612345678',
    email: email ? 'kai@example.com' : null,
  });
}

const run = (runnerId: string, startUtc: string, distanceM = 8000): Workout =>
  testRun(runnerId, startUtc, { distanceM, timeZone: 'Europe/Madrid' });

const messages = async (runnerId: string) => (await deps().outbox.list()).filter((m) => m.runnerId === runnerId);

it('offers the plank test on a rest day to a runner with 6+ months of running, then not for 4 weeks', async () => {
  const r = await runner(11);
  const d = deps();
  // A run every 3 days from early November 2025 to Sunday 31 May 2026: > 6 months of history.
  for (let t = Date.parse('2025-11-03T07:00:00Z'); t <= Date.parse('2026-05-31T07:00:00Z'); t += 3 * 86_400_000) {
    await d.workoutStore.putWorkout(run(r.runnerId, new Date(t).toISOString()));
  }
  // Tuesday 2 June, 18:00 in Madrid (16:00 UTC), no run today (last run: Sunday) → offered.
  now = new Date('2026-06-02T16:00:00Z');
  await runRunnerJob('core-check', r, d);
  const plank = (await messages(r.runnerId)).filter((m) => m.kind === 'plank-test');
  expect(plank).toHaveLength(1);
  expect(plank[0]!.channel).toBe('sms');
  expect(plank[0]!.text).toMatch(/https:\/\/runnudge\.test\/c\/[\w-]{47}/);
  // The next day is a rest day too, but the test was just offered.
  now = new Date('2026-06-03T16:00:00Z');
  await runRunnerJob('core-check', r, d);
  expect((await messages(r.runnerId)).filter((m) => m.kind === 'plank-test')).toHaveLength(1);
  // Four weeks later, on a rest day, it comes again.
  now = new Date('2026-06-30T16:00:00Z');
  await runRunnerJob('core-check', r, d);
  expect((await messages(r.runnerId)).filter((m) => m.kind === 'plank-test')).toHaveLength(2);
});

it('sends the optional hamstring reminder only on days without a run, only to runners who asked', async () => {
  const d = deps();
  const on = await d.runners.updateSettings((await runner(18)).runnerId, {
    ...defaultSettings('Europe/Madrid'),
    phone: '+34612345678',
    email: null,
    dailyStretch: true,
  });
  const off = await runner(19);
  now = new Date('2026-07-01T16:00:00Z'); // Wednesday 18:00 in Madrid
  await d.workoutStore.putWorkout(run(on.runnerId, '2026-07-01T06:00:00Z')); // ran this morning
  await runRunnerJob('core-check', on, d);
  await runRunnerJob('core-check', off, d);
  expect((await messages(on.runnerId)).filter((m) => m.kind === 'daily-stretch')).toHaveLength(0);
  now = new Date('2026-07-02T16:00:00Z'); // Thursday: no run
  await runRunnerJob('core-check', on, d);
  await runRunnerJob('core-check', on, d); // the job running twice sends one
  await runRunnerJob('core-check', off, d);
  const sent = (await messages(on.runnerId)).filter((m) => m.kind === 'daily-stretch');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.text).toContain('5x60s');
  expect((await messages(off.runnerId)).filter((m) => m.kind === 'daily-stretch')).toHaveLength(0);
});

it('a core nudge held by quiet hours past its day is dropped, and the next day gets its own', async () => {
  const d = deps();
  const r = await d.runners.updateSettings((await runner(40)).runnerId, {
    ...defaultSettings('Europe/Madrid'),
    phone: '+34612345678',
    email: null,
    quietHours: { start: '17:00', end: '07:00' },
  });
  now = new Date('2026-06-04T16:00:00Z'); // Thursday 18:00 in Madrid, 0 core sessions: a nudge, but quiet
  const steps = await runRunnerJob('core-check', r, d);
  expect(steps).toContainEqual({ kind: 'core-nudge', outcome: { status: 'held', dueAt: '2026-06-05T05:00:00.000Z' } });
  now = new Date('2026-06-05T05:00:00Z'); // Friday 07:00: quiet hours over, but the nudge was Thursday's
  const delivered = await deliverDue({
    due: d.due,
    ledger: d.ledger,
    deadLetters: { put: async () => undefined },
    maxSendAttempts: 12,
    notifier: d.notifier,
    publisher: { publish: async () => undefined },
    runners: d.runners,
    clock,
  });
  expect(delivered).toMatchObject({ sent: 0, dropped: 1 });
  expect((await messages(r.runnerId)).filter((m) => m.kind === 'core-nudge')).toHaveLength(0);
  // Friday evening (3 needed, Sat and Sun left): with quiet hours from 22:00 the nudge goes out on its
  // day, once, however often the job runs.
  const loud = await d.runners.updateSettings(r.runnerId, { ...r.settings, quietHours: { start: '22:00', end: '07:00' } });
  now = new Date('2026-06-05T16:00:00Z'); // Friday 18:00
  await runRunnerJob('core-check', loud, d);
  await runRunnerJob('core-check', loud, d);
  const sent = (await messages(r.runnerId)).filter((m) => m.kind === 'core-nudge');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.at.slice(0, 10)).toBe('2026-06-05');
});

it('a runner with only two months of running is not offered the plank test', async () => {
  const r = await runner(12);
  const d = deps();
  for (let t = Date.parse('2026-04-01T07:00:00Z'); t <= Date.parse('2026-05-31T07:00:00Z'); t += 3 * 86_400_000) {
    await d.workoutStore.putWorkout(run(r.runnerId, new Date(t).toISOString()));
  }
  now = new Date('2026-06-02T16:00:00Z');
  await runRunnerJob('core-check', r, d);
  expect((await messages(r.runnerId)).filter((m) => m.kind === 'plank-test')).toHaveLength(0);
});

it('counts imported history from the import window, so a long-time runner qualifies on day one', async () => {
  const r = await runner(15);
  const d = { ...deps(), backfills: new DynamoBackfillStore(table.client, table.tableName) };
  // Connected on Monday 1 June; the import reached back to 1 December; the first run it found was
  // on 3 December (they ran before too, but the import stops at the window).
  await d.backfills.startCursor(r.runnerId, {
    after: '2025-12-01T10:00:00.000Z',
    before: '2026-06-01T10:00:00.000Z',
    nextPage: 2,
    imported: 60,
    startedAt: '2026-06-01T10:00:00.000Z',
    finishedAt: '2026-06-01T10:00:05.000Z',
  });
  for (let t = Date.parse('2025-12-03T07:00:00Z'); t <= Date.parse('2026-05-31T07:00:00Z'); t += 3 * 86_400_000) {
    await d.workoutStore.putWorkout(run(r.runnerId, new Date(t).toISOString()));
  }
  now = new Date('2026-06-02T16:00:00Z'); // Tuesday 18:00 in Madrid, a rest day
  await runRunnerJob('core-check', r, d);
  expect((await messages(r.runnerId)).filter((m) => m.kind === 'plank-test')).toHaveLength(1);
  // Without the import's window the same history is a few days short of 6 months.
  const other = await runner(16);
  for (let t = Date.parse('2025-12-03T07:00:00Z'); t <= Date.parse('2026-05-31T07:00:00Z'); t += 3 * 86_400_000) {
    await d.workoutStore.putWorkout(run(other.runnerId, new Date(t).toISOString()));
  }
  await runRunnerJob('core-check', other, d);
  expect((await messages(other.runnerId)).filter((m) => m.kind === 'plank-test')).toHaveLength(0);
});

it('after three weeks of back pain with core work 3×/week, the digest comes with a referral email', async () => {
  const r = await runner(13, true);
  const d = deps();
  // Weeks 2026-W20..W22 (Mon 11 May – Sun 31 May): 3 logged core sessions and "pain: yes" each.
  for (const monday of ['2026-05-11', '2026-05-18', '2026-05-25']) {
    for (const offset of [0, 2, 4]) {
      const day = new Date(Date.parse(`${monday}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      await d.checkIns.addCoreSession({ runnerId: r.runnerId, localDate: day, source: 'check-in', sourceId: '', explicit: true });
    }
    await d.checkIns.recordBackPain(r.runnerId, weekLabel(monday), true, now);
    await d.workoutStore.putWorkout(run(r.runnerId, `${monday}T07:00:00Z`));
  }
  // Sunday 7 June 18:00 in Madrid: the digest for W23, and the referral.
  now = new Date('2026-06-07T16:00:00Z');
  await runRunnerJob('weekly-digest', r, d);
  const sent = await messages(r.runnerId);
  expect(sent.map((m) => m.kind).sort()).toEqual(['back-pain', 'weekly-digest']);
  const referral = sent.find((m) => m.kind === 'back-pain')!;
  expect(referral).toMatchObject({ channel: 'email', to: 'kai@example.com' });
  expect(referral.text).toMatch(/physical therapist|physiotherapist/i);
  expect(referral.text).toMatch(/not a diagnosis/i);
});

it('a weekly digest delayed into Monday reports the week that ended, and next Sunday still gets its own', async () => {
  const r = await runner(17, true);
  const d = deps();
  await d.workoutStore.putWorkout(run(r.runnerId, '2026-06-10T07:00:00Z', 12_000)); // Wed of W24
  now = new Date('2026-06-15T08:00:00Z'); // Monday 10:00 in Madrid: the Sunday run was missed
  await runRunnerJob('weekly-digest', r, d);
  let digests = (await messages(r.runnerId)).filter((m) => m.kind === 'weekly-digest');
  expect(digests).toHaveLength(1);
  expect(digests[0]!.subject).toContain('12.0 km');
  expect(digests[0]!.text).toContain('8–14 Jun');
  now = new Date('2026-06-21T16:00:00Z'); // Sunday 18:00: W25's own digest
  await runRunnerJob('weekly-digest', r, d);
  digests = (await messages(r.runnerId)).filter((m) => m.kind === 'weekly-digest');
  expect(digests).toHaveLength(2);
  expect(digests[1]!.text).toContain('15–21 Jun');
});

it('fans a job out only to the runners whose local time is due, and moves each one forward', async () => {
  now = new Date('2026-06-08T09:00:00Z'); // Monday
  const madrid = await runner(14);
  const d = deps();
  await scheduleRunnerJobs(madrid, d);
  const published: unknown[] = [];
  const publisher = { publish: async (events: unknown[]) => void published.push(...events) };

  // (Runners of the tests above are due too, from their own earlier schedules: look for this one.)
  now = new Date('2026-06-08T15:59:00Z'); // 17:59 in Madrid: not yet
  await fanOutJob('core-check', { schedule: d.schedule, publisher, clock });
  expect(JSON.stringify(published)).not.toContain(madrid.runnerId);
  now = new Date('2026-06-08T16:00:00Z'); // 18:00 in Madrid
  await fanOutJob('core-check', { schedule: d.schedule, publisher, clock });
  expect(JSON.stringify(published)).toContain(madrid.runnerId);
  // The weekly digest is not due on a Monday.
  published.length = 0;
  await fanOutJob('weekly-digest', { schedule: d.schedule, publisher, clock });
  expect(JSON.stringify(published)).not.toContain(madrid.runnerId);

  await runRunnerJob('core-check', madrid, d);
  const item = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': `RUNNER#${madrid.runnerId}`, ':sk': 'SCHED#core-check' },
    }),
  );
  expect(item.Items?.[0]?.['nextRun']).toBe('2026-06-09T16:00:00.000Z');
});

function weekLabel(monday: string): string {
  const d = new Date(`${monday}T00:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

it('a runner deleted while their job runs keeps nothing: what the job wrote for them is swept', async () => {
  const d = deps();
  const r = await runner(9100);
  await d.runners.deleteRunner(r.runnerId);
  // The batch read the runner just before the deletion (the race): it still holds their profile.
  const racing = { getRunner: async () => r, sweepIfDeleted: (id: string) => d.runners.sweepIfDeleted(id) };
  const outcome = await runJobBatch({ job: 'core-check', runnerIds: [r.runnerId] }, { ...d, runners: racing });
  expect(outcome.failed).toEqual([]);
  const left = (await table.scanAll()).filter((i) => String(i['pk']) === `RUNNER#${r.runnerId}`);
  expect(left).toEqual([]);
});
