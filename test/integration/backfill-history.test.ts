/**
 * The history import with the real adapters: StravaClient against the fake Strava on a loopback HTTP
 * server, and the DynamoDB stores (workouts, cursor, due queue, runners, tokens) against dynalite.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AesCipher } from '../../shared/adapters/cipher/aes-cipher.js';
import { DynamoBackfillStore } from '../../shared/adapters/dynamo/backfill-store.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoTokenStore } from '../../shared/adapters/dynamo/token-store.js';
import { DynamoWeekFiguresStore } from '../../shared/adapters/dynamo/week-figures-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import {
  createFakeStrava,
  type FakeActivity,
  type FakeStrava,
  type FakeStravaOptions,
} from '../../infra/local/strava/fake-strava.js';
import { StravaClient } from '../../shared/adapters/strava/strava-client.js';
import { historyBackfillDetail, type BusEvent } from '../../shared/ports/events.js';
import type { Runner } from '../../shared/domain/types.js';
import { backfillHistory, BACKFILL_DUE_ID, type BackfillDeps } from '../../shared/usecases/backfill-history.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

const CLIENT_ID = '4242';
const CLIENT_SECRET = 'sandbox-secret';
const ATHLETE = 134815;
/** 12:07 UTC: the next quarter hour is 12:15. */
const NOW = new Date('2026-03-10T12:07:00.000Z');
const QUARTER = new Date('2026-03-10T12:15:00.000Z');
const HOUR_S = 3600;
const SIX_MONTHS_AGO = DateTime.fromJSDate(NOW, { zone: 'utc' }).minus({ months: 6 }).toJSDate();

let db: RunningDynalite;
let server: Server;
let baseUrl: string;
let fake: FakeStrava;
let table: TestTable;
let now: Date;
const clock = { now: () => new Date(now.getTime()) };

let runners: DynamoRunnerStore;
let workouts: DynamoWorkoutStore;
let backfills: DynamoBackfillStore;
let due: DynamoDueQueue;
let strava: StravaClient;
let published: BusEvent[];
let runner: Runner;
let activities: FakeActivity[];
/** Job times set through the schedule port: [runnerId, job, nextRun ISO]. */
let scheduled: [string, string, string][];

beforeAll(async () => {
  db = await startDynalite();
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handled = pathname.startsWith('/strava/')
      ? fake.handle(req, res, pathname.slice('/strava'.length))
      : Promise.resolve(false);
    void handled.then((ok) => {
      if (!ok) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  await db.stop();
});

/** A fresh table, fake Strava and connected runner whose 250 activities span about 8 months. */
async function setup(limits?: FakeStravaOptions['limits']): Promise<void> {
  now = NOW;
  published = [];
  scheduled = [];
  fake = createFakeStrava({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, now: clock.now, ...(limits ? { limits } : {}) });
  fake.addAthlete({ id: ATHLETE, firstname: 'Marianne' });
  // Every 23 h back from an hour ago, runs and every fourth one a ride; all before the connect.
  activities = Array.from({ length: 250 }, (_, n) =>
    fake.addActivity(ATHLETE, {
      sport_type: n % 4 === 3 ? 'Ride' : 'Run',
      start_date: new Date((NOW.getTime() / 1000 - HOUR_S - n * 23 * HOUR_S) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
  );

  table = await createTestTable(db.endpoint);
  runners = new DynamoRunnerStore(table.client, table.tableName, clock);
  const tokens = new DynamoTokenStore(table.client, table.tableName, new AesCipher('integration-test-secret-0123456789'), clock);
  workouts = new DynamoWorkoutStore(table.client, table.tableName);
  figures = new DynamoWeekFiguresStore(table.client, table.tableName);
  trackerDataDays = 366;
  backfills = new DynamoBackfillStore(table.client, table.tableName);
  due = new DynamoDueQueue(table.client, table.tableName);
  strava = new StravaClient({
    apiUrl: `${baseUrl}/strava/api/v3`,
    oauthUrl: `${baseUrl}/strava/oauth`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokens,
    clock,
  });
  const scope = 'read,activity:read_all';
  const exchanged = await strava.exchangeCode(fake.issueCode(ATHLETE, scope), scope);
  runner = await runners.upsertRunnerForAthlete(exchanged.athlete);
  await tokens.putTokens(runner.runnerId, exchanged.tokens, null);
}

/** Figures fold every imported activity; raw ones are kept for a year here (retention: its own test). */
let figures: DynamoWeekFiguresStore;
let trackerDataDays = 366;

function deps(limits?: BackfillDeps['limits']): BackfillDeps {
  return {
    runners,
    workouts,
    figures,
    trackerDataDays,
    tracker: strava,
    backfills,
    publisher: { publish: async (events) => void published.push(...structuredClone(events)) },
    due,
    schedule: {
      setNextRun: async (runnerId, job, nextRun) => void scheduled.push([runnerId, job, nextRun.toISOString()]),
      dueRunners: async () => ({ runnerIds: [] }),
    },
    clock,
    ...(limits ? { limits } : {}),
  };
}

const listRequests = () => fake.requests.filter((r) => r.path === '/api/v3/athlete/activities').length;
const stored = async () =>
  (await workouts.listWorkouts(runner.runnerId, '2000-01-01', '2100-01-01')).map((w) => w.sourceId).sort();
const expectedIds = () =>
  activities
    .filter((a) => Date.parse(a.start_date) > SIX_MONTHS_AGO.getTime())
    .map((a) => String(a.id))
    .sort();
/** The continuation as the bus would hand it to the handler. */
const asInput = (event: BusEvent) => {
  expect(event.detailType).toBe('history.backfill');
  const detail = historyBackfillDetail.parse(event.detail);
  return { runnerId: detail.runnerId, page: detail.page, attempt: detail.attempt };
};

describe('StravaClient.listWorkouts', () => {
  beforeEach(() => setup());

  it('lists summary activities in (after, before), newest first, without laps', async () => {
    const result = await strava.listWorkouts(runner.runnerId, { after: SIX_MONTHS_AGO, before: NOW, page: 1, perPage: 100 });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result).toMatchObject({ hasMore: true, skipped: 0 });
    expect(result.workouts).toHaveLength(100);
    expect(result.workouts[0]).toMatchObject({
      runnerId: runner.runnerId,
      sourceId: String(activities[0]!.id),
      sport: 'Run',
      distanceM: 8000,
      startUtc: '2026-03-10T11:07:00.000Z',
      localDate: '2026-03-10',
      timeZone: 'Europe/Berlin',
      laps: [],
    });
    expect(result.workouts[3]!.sport).toBe('Ride');
    const last = await strava.listWorkouts(runner.runnerId, { after: SIX_MONTHS_AGO, before: NOW, page: 2, perPage: 100 });
    expect(last).toMatchObject({ status: 'ok', hasMore: false });
    expect(strava.rateLimitStatus()).toMatchObject({
      read: { usage15: 2, limit15: 100 },
      windowResetsAt: QUARTER,
      dailyResetsAt: new Date('2026-03-11T00:00:00.000Z'),
    });
  });

  it('answers rate-limited with the next quarter hour on a 429', async () => {
    fake.rateLimitNext(1);
    const result = await strava.listWorkouts(runner.runnerId, { after: SIX_MONTHS_AGO, page: 1, perPage: 100 });
    expect(result).toEqual({ status: 'rate-limited', retryAt: QUARTER });
  });
});

describe('backfillHistory with dynalite and the fake Strava', () => {
  beforeEach(() => setup());

  it('folds six months into weekly figures but keeps raw only the activities of the retention window', async () => {
    trackerDataDays = 7;
    workouts = new DynamoWorkoutStore(table.client, table.tableName, { days: 7, clock });
    // One run already arrived through the webhook path (detailed, with laps, folded at its fetch).
    const viaWebhook = await strava.fetchWorkout(runner.runnerId, String(activities[5]!.id));
    if (viaWebhook.status !== 'ok') throw new Error('fetch failed');
    await figures.apply(runner.runnerId, 'Europe/Berlin', {
      activityId: viaWebhook.workout.sourceId,
      v: now.getTime(),
      kind: 'put',
      workout: viaWebhook.workout,
    });

    expect(await backfillHistory({ runnerId: runner.runnerId }, deps())).toMatchObject({ status: 'finished' });

    const sevenDaysAgo = now.getTime() - 7 * 86_400_000;
    const raw = (await table.scanAll()).filter((i) => String(i.sk).startsWith('WORKOUT#'));
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.every((i) => Date.parse(String(i.startUtc)) >= sevenDaysAgo)).toBe(true);
    const runs = activities.filter(
      (a) => a.sport_type === 'Run' && Date.parse(a.start_date) > Date.parse(SIX_MONTHS_AGO.toISOString()),
    );
    const weeks = await figures.listWeeks(runner.runnerId, '2025-01-01', '2026-12-31');
    const counted = weeks.flatMap((w) => Object.keys(w.contributions)).sort();
    expect(counted).toEqual(runs.map((a) => String(a.id)).sort());
    // The list's summary (no laps) did not replace the detailed fetch.
    const detailed = weeks.flatMap((w) => Object.entries(w.contributions)).find(([id]) => id === viaWebhook.workout.sourceId);
    expect(detailed?.[1].laps.length).toBeGreaterThan(0);
  });

  it('stores every activity of the last 6 months and none older, and announces nothing', async () => {
    // One run already arrived through the webhook path (detailed, with laps): it is left alone.
    const viaWebhook = await strava.fetchWorkout(runner.runnerId, String(activities[5]!.id));
    if (viaWebhook.status !== 'ok') throw new Error('fetch failed');
    expect(viaWebhook.workout.laps.length).toBeGreaterThan(0);
    await workouts.putWorkout(viaWebhook.workout);

    const outcome = await backfillHistory({ runnerId: runner.runnerId }, deps());
    const ids = expectedIds();
    expect(ids.length).toBeGreaterThan(150);
    expect(ids.length).toBeLessThan(250);
    expect(outcome).toEqual({ status: 'finished', runnerId: runner.runnerId, pages: 2, imported: ids.length - 1 });
    expect(await stored()).toEqual(ids);
    expect(await workouts.getWorkout(runner.runnerId, String(activities[5]!.id))).toEqual({ ...viaWebhook.workout, name: '' });
    expect(await backfills.getCursor(runner.runnerId)).toEqual({
      after: SIX_MONTHS_AGO.toISOString(),
      before: NOW.toISOString(),
      nextPage: 3,
      imported: ids.length - 1,
      startedAt: NOW.toISOString(),
      finishedAt: NOW.toISOString(),
    });
    expect(published).toEqual([]);
    expect(await due.listDue(new Date(NOW.getTime() + 86_400_000), 10)).toEqual([]);

    // The runner never chose a zone: they get their latest activity's (the fake's default, Berlin),
    // and their jobs move to 18:00 Berlin (17:00 UTC in March), Sunday for the weekly email.
    expect((await runners.getRunner(runner.runnerId))?.settings).toEqual({ ...runner.settings, timeZone: 'Europe/Berlin' });
    expect(scheduled).toEqual([
      [runner.runnerId, 'core-check', '2026-03-10T17:00:00.000Z'],
      [runner.runnerId, 'weekly-digest', '2026-03-15T17:00:00.000Z'],
    ]);

    // Connecting again later: the import is done, nothing is fetched.
    expect(await backfillHistory({ runnerId: runner.runnerId }, deps())).toMatchObject({
      status: 'skipped',
      reason: 'already-finished',
    });
    expect(listRequests()).toBe(2);
  });

  it('pages across invocations from the cursor, survives a lost continuation, ignores duplicates', async () => {
    const d = deps({ pagesPerInvocation: 1, perPage: 50 });
    expect(await backfillHistory({ runnerId: runner.runnerId }, d)).toMatchObject({
      status: 'continued',
      nextPage: 2,
      imported: 50,
    });
    expect(published).toHaveLength(1);
    const page2 = published.shift()!;

    // Suppose that hand-off was lost: the "resume here" item in the due queue picks the import up.
    expect(await due.listDue(now, 10)).toEqual([]);
    now = new Date(NOW.getTime() + 5 * 60_000);
    const [resume] = await due.listDue(now, 10);
    expect(resume).toMatchObject({ id: BACKFILL_DUE_ID, payload: { type: 'event', event: page2 } });
    expect(await due.remove(resume!)).toBe(true);
    if (resume!.payload.type !== 'event') throw new Error('expected an event');
    expect(await backfillHistory(asInput(resume!.payload.event), d)).toMatchObject({
      status: 'continued',
      nextPage: 3,
      imported: 100,
    });

    // ...and when the lost event shows up after all, it is a no-op.
    expect(await backfillHistory(asInput(page2), d)).toMatchObject({ status: 'skipped', reason: 'stale-page' });
    expect(listRequests()).toBe(2);

    while (published.length > 0) {
      const outcome = await backfillHistory(asInput(published.shift()!), d);
      expect(['continued', 'finished']).toContain(outcome.status);
    }
    expect(listRequests()).toBe(4);
    expect(await stored()).toEqual(expectedIds());
    expect(await backfills.getCursor(runner.runnerId)).toMatchObject({ nextPage: 5, imported: expectedIds().length });
  });

  it('a forced 429 schedules the continuation in the due queue at the next quarter hour', async () => {
    fake.rateLimitNext(1);
    const outcome = await backfillHistory({ runnerId: runner.runnerId }, deps());
    expect(outcome).toMatchObject({ status: 'deferred', reason: 'rate-limited', nextPage: 1, dueAt: QUARTER.toISOString() });
    expect(await stored()).toEqual([]);
    expect(published).toEqual([]);

    expect(await due.listDue(new Date(QUARTER.getTime() - 1), 10)).toEqual([]);
    now = QUARTER;
    const items = await due.listDue(now, 10);
    expect(items).toEqual([
      {
        runnerId: runner.runnerId,
        id: BACKFILL_DUE_ID,
        dueAt: QUARTER.toISOString(),
        payload: {
          type: 'event',
          attempt: 1,
          event: { detailType: 'history.backfill', detail: { runnerId: runner.runnerId, page: 1, attempt: 1 } },
        },
      },
    ]);
    await due.remove(items[0]!);
    if (items[0]!.payload.type !== 'event') throw new Error('expected an event');
    expect(await backfillHistory(asInput(items[0]!.payload.event), deps())).toMatchObject({ status: 'finished' });
    expect(await stored()).toEqual(expectedIds());
    expect(published.filter((e) => e.detailType === 'workout.recorded')).toEqual([]);
  });
});

describe('pacing against the read limit', () => {
  // A tiny 15-minute read limit: 80 % of 3 is reached after the third page.
  beforeEach(() => setup({ overall15: 200, overallDaily: 2000, read15: 3, readDaily: 1000 }));

  it('stops before the limit and continues at the next quarter hour', async () => {
    const outcome = await backfillHistory({ runnerId: runner.runnerId }, deps({ perPage: 50 }));
    expect(outcome).toMatchObject({
      status: 'deferred',
      reason: 'near-limit',
      pages: 3,
      nextPage: 4,
      dueAt: QUARTER.toISOString(),
    });
    expect(listRequests()).toBe(3);
    expect(published).toEqual([]);

    now = QUARTER;
    const [item] = await due.listDue(now, 10);
    expect(item).toMatchObject({ dueAt: QUARTER.toISOString(), payload: { event: { detail: { page: 4, attempt: 1 } } } });
    if (item!.payload.type !== 'event') throw new Error('expected an event');
    expect(await backfillHistory(asInput(item!.payload.event), deps({ perPage: 50 }))).toMatchObject({ status: 'finished' });
    expect(await stored()).toEqual(expectedIds());
  });
});
