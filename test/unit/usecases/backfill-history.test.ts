/**
 * backfillHistory with tiny in-memory ports: the cursor's conditional semantics, the pacing against
 * the rate limit, continuations on the bus and in the due queue. The DynamoDB and Strava adapters are
 * covered by test/integration/backfill-history.test.ts.
 */
import { MemoryWeekFigures } from '../../fakes/memory-figures.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Workout } from '../../../shared/domain/types.js';
import type {
  BackfillCursor,
  BackfillStore,
  BusEvent,
  DueItem,
  ListWorkoutsQuery,
  ListWorkoutsResult,
  RateLimitStatus,
} from '../../../shared/ports/index.js';
import {
  BACKFILL_DUE_ID,
  MAX_DEFERRALS,
  RESUME_AFTER_MINUTES,
  backfillHistory,
  slowDownUntil,
  type BackfillDeps,
} from '../../../shared/usecases/backfill-history.js';
import { MemoryRunners, MemorySchedule, testRunner } from '../../fakes/memory-runners.js';

const RUNNER = 'runner-1';
const NOW = new Date('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;

function workout(n: number, extra: Partial<Workout> = {}): Workout {
  const start = new Date(NOW.getTime() - HOUR - n * 23 * HOUR);
  const iso = start.toISOString();
  return {
    runnerId: RUNNER,
    source: 'strava',
    sourceId: String(13_000_000_000 + n),
    name: `Run ${n}`,
    sport: n % 4 === 0 ? 'Ride' : 'Run',
    tag: 'default',
    distanceM: 8000,
    movingTimeS: 2640,
    elapsedTimeS: 2700,
    startUtc: iso,
    startLocal: iso.slice(0, 19),
    localDate: iso.slice(0, 10),
    timeZone: 'UTC',
    manual: false,
    laps: [],
    ...extra,
  };
}

class MemoryBackfills implements BackfillStore {
  cursors = new Map<string, BackfillCursor>();
  async getCursor(runnerId: string) {
    const c = this.cursors.get(runnerId);
    return c ? { ...c } : null;
  }
  async startCursor(runnerId: string, cursor: BackfillCursor) {
    if (!this.cursors.has(runnerId)) this.cursors.set(runnerId, { ...cursor });
    return { ...this.cursors.get(runnerId)! };
  }
  async advanceCursor(runnerId: string, fromPage: number, next: Pick<BackfillCursor, 'nextPage' | 'imported' | 'finishedAt'>) {
    const c = this.cursors.get(runnerId);
    if (!c || c.nextPage !== fromPage || c.finishedAt !== undefined) return false;
    this.cursors.set(runnerId, { ...c, ...next });
    return true;
  }
}

class MemoryWorkouts {
  items = new Map<string, Workout>();
  puts = 0;
  async putWorkout(w: Workout) {
    this.puts++;
    this.items.set(w.sourceId, structuredClone(w));
  }
  async listWorkouts(runnerId: string, from: string, to: string) {
    return [...this.items.values()].filter((w) => w.runnerId === runnerId && w.localDate >= from && w.localDate <= to);
  }
}

/** Newest first within (after, before), like Strava with both bounds; scripted answers go first. */
class FakeTracker {
  history: Workout[] = [];
  scripted: ListWorkoutsResult[] = [];
  queries: ListWorkoutsQuery[] = [];
  status: RateLimitStatus | null = null;
  onList: (() => Promise<void>) | null = null;
  async listWorkouts(_runnerId: string, q: ListWorkoutsQuery): Promise<ListWorkoutsResult> {
    this.queries.push(q);
    await this.onList?.();
    const next = this.scripted.shift();
    if (next) return next;
    const inRange = this.history
      .filter((w) => Date.parse(w.startUtc) > q.after.getTime() && (!q.before || Date.parse(w.startUtc) < q.before.getTime()))
      .sort((a, b) => b.startUtc.localeCompare(a.startUtc));
    const slice = inRange.slice((q.page - 1) * q.perPage, q.page * q.perPage);
    return { status: 'ok', workouts: slice, hasMore: slice.length === q.perPage, skipped: 0 };
  }
  rateLimitStatus() {
    return this.status;
  }
}

class MemoryDue {
  items = new Map<string, DueItem>();
  async schedule(item: DueItem) {
    this.items.set(`${item.runnerId}/${item.id}`, structuredClone(item));
  }
  async remove(item: DueItem) {
    const k = `${item.runnerId}/${item.id}`;
    if (this.items.get(k)?.dueAt !== item.dueAt) return false;
    return this.items.delete(k);
  }
}

let backfills: MemoryBackfills;
let workouts: MemoryWorkouts;
let tracker: FakeTracker;
let due: MemoryDue;
let published: BusEvent[];
let logs: { message: string; fields: Record<string, unknown> }[];
let now: Date;
let runners: MemoryRunners;
let schedule: MemorySchedule;

/** Figures fold every imported activity; raw ones are kept for a year here (retention: its own test). */
let figures: BackfillDeps['figures'];
let trackerDataDays = 366;

function deps(limits?: BackfillDeps['limits']): BackfillDeps {
  return {
    runners,
    workouts,
    figures,
    trackerDataDays,
    tracker,
    backfills,
    publisher: { publish: async (events) => void published.push(...structuredClone(events)) },
    due,
    schedule,
    clock: { now: () => new Date(now.getTime()) },
    log: (message, fields) => logs.push({ message, fields }),
    ...(limits ? { limits } : {}),
  };
}

const dueItem = () => due.items.get(`${RUNNER}/${BACKFILL_DUE_ID}`);

beforeEach(() => {
  figures = new MemoryWeekFigures();
  trackerDataDays = 366;
  backfills = new MemoryBackfills();
  workouts = new MemoryWorkouts();
  tracker = new FakeTracker();
  due = new MemoryDue();
  published = [];
  logs = [];
  now = NOW;
  runners = new MemoryRunners(testRunner(RUNNER, 1));
  schedule = new MemorySchedule();
  // 250 activities every 23 h: about 7.9 months back; 189 of them within the last 6 months.
  tracker.history = Array.from({ length: 250 }, (_, n) => workout(n));
});

const withinSixMonths = () => tracker.history.filter((w) => w.startUtc > '2025-09-10T12:00:00.000Z');

describe('backfillHistory', () => {
  it('imports the last 6 months in one invocation, finishes the cursor and announces nothing', async () => {
    expect(withinSixMonths()).toHaveLength(189);
    const outcome = await backfillHistory({ runnerId: RUNNER }, deps());
    expect(outcome).toEqual({ status: 'finished', runnerId: RUNNER, pages: 2, imported: 189 });
    expect(tracker.queries.map((q) => [q.page, q.perPage])).toEqual([
      [1, 100],
      [2, 100],
    ]);
    expect(tracker.queries[0]!.after.toISOString()).toBe('2025-09-10T12:00:00.000Z');
    expect(tracker.queries[0]!.before?.toISOString()).toBe(NOW.toISOString());
    expect([...workouts.items.keys()].sort()).toEqual(
      withinSixMonths()
        .map((w) => w.sourceId)
        .sort(),
    );
    expect(backfills.cursors.get(RUNNER)).toEqual({
      after: '2025-09-10T12:00:00.000Z',
      before: NOW.toISOString(),
      nextPage: 3,
      imported: 189,
      startedAt: NOW.toISOString(),
      finishedAt: NOW.toISOString(),
    });
    // History never produces texts: no workout.recorded, no continuation; the resume item is gone.
    expect(published).toEqual([]);
    expect(due.items.size).toBe(0);
    expect(logs.filter((l) => l.message === 'history backfill page').map((l) => l.fields)).toEqual([
      expect.objectContaining({ runnerId: RUNNER, page: 1, stored: 100, imported: 100, hasMore: true }),
      expect.objectContaining({ runnerId: RUNNER, page: 2, stored: 89, imported: 189, hasMore: false }),
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/token/i);
  });

  it('pages across invocations from the cursor; a duplicate continuation is a no-op', async () => {
    const d = deps({ pagesPerInvocation: 1, perPage: 50 });
    const first = await backfillHistory({ runnerId: RUNNER }, d);
    expect(first).toMatchObject({ status: 'continued', pages: 1, nextPage: 2, imported: 50 });
    expect(published).toEqual([{ detailType: 'history.backfill', detail: { runnerId: RUNNER, page: 2, attempt: 0 } }]);
    // The "resume here" item, in case this invocation's continuation is lost.
    expect(dueItem()).toEqual({
      runnerId: RUNNER,
      id: BACKFILL_DUE_ID,
      dueAt: new Date(NOW.getTime() + RESUME_AFTER_MINUTES * 60_000).toISOString(),
      payload: { type: 'event', attempt: 0, event: published[0] },
    });

    let page = 2;
    for (;;) {
      const outcome = await backfillHistory({ runnerId: RUNNER, page, attempt: 0 }, d);
      if (outcome.status === 'finished') break;
      expect(outcome).toMatchObject({ status: 'continued', nextPage: page + 1 });
      page++;
    }
    expect(tracker.queries.map((q) => q.page)).toEqual([1, 2, 3, 4]);
    expect(workouts.items.size).toBe(189);
    expect(backfills.cursors.get(RUNNER)).toMatchObject({ nextPage: 5, imported: 189, finishedAt: NOW.toISOString() });

    const puts = workouts.puts;
    expect(await backfillHistory({ runnerId: RUNNER, page: 3 }, d)).toMatchObject({
      status: 'skipped',
      reason: 'already-finished',
    });
    expect(await backfillHistory({ runnerId: RUNNER }, d)).toMatchObject({ status: 'skipped', reason: 'already-finished' });
    expect(tracker.queries).toHaveLength(4);
    expect(workouts.puts).toBe(puts);
    expect(published.every((e) => e.detailType === 'history.backfill')).toBe(true);
  });

  it('ignores a continuation for a page already done while the import is still running', async () => {
    const d = deps({ pagesPerInvocation: 1, perPage: 50 });
    await backfillHistory({ runnerId: RUNNER }, d);
    await backfillHistory({ runnerId: RUNNER, page: 2 }, d);
    expect(await backfillHistory({ runnerId: RUNNER, page: 2 }, d)).toMatchObject({ status: 'skipped', reason: 'stale-page' });
    expect(await backfillHistory({ runnerId: RUNNER, page: 7 }, d)).toMatchObject({ status: 'skipped', reason: 'stale-page' });
    expect(tracker.queries).toHaveLength(2);
    expect(backfills.cursors.get(RUNNER)).toMatchObject({ nextPage: 3, imported: 100 });
  });

  it('a reconnect resumes an unfinished import where the cursor stands', async () => {
    const d = deps({ pagesPerInvocation: 1, perPage: 50 });
    await backfillHistory({ runnerId: RUNNER }, d);
    now = new Date(NOW.getTime() + 2 * HOUR);
    const again = await backfillHistory({ runnerId: RUNNER }, d);
    expect(again).toMatchObject({ status: 'continued', nextPage: 3, imported: 100 });
    // The window stays the one of the first connect.
    expect(tracker.queries[1]).toMatchObject({ page: 2 });
    expect(tracker.queries[1]!.before?.toISOString()).toBe(NOW.toISOString());
  });

  it('leaves workouts the webhook path stored alone', async () => {
    const detailed = {
      ...workout(3),
      name: 'Tempo with laps',
      laps: [{ lapIndex: 1, distanceM: 1000, movingTimeS: 300, averageSpeed: 3.33 }],
    };
    await workouts.putWorkout(detailed);
    workouts.puts = 0;
    const outcome = await backfillHistory({ runnerId: RUNNER }, deps());
    expect(outcome).toMatchObject({ status: 'finished', imported: 188 });
    expect(workouts.puts).toBe(188);
    expect(workouts.items.get(detailed.sourceId)).toEqual(detailed);
  });

  it('defers to the due queue when rate-limited, counting deferrals until it gives up', async () => {
    const retryAt = new Date('2026-03-10T12:15:00.000Z');
    tracker.scripted = [{ status: 'rate-limited', retryAt }];
    const outcome = await backfillHistory({ runnerId: RUNNER }, deps());
    expect(outcome).toMatchObject({ status: 'deferred', reason: 'rate-limited', nextPage: 1, dueAt: retryAt.toISOString() });
    expect(dueItem()).toEqual({
      runnerId: RUNNER,
      id: BACKFILL_DUE_ID,
      dueAt: retryAt.toISOString(),
      payload: {
        type: 'event',
        attempt: 1,
        event: { detailType: 'history.backfill', detail: { runnerId: RUNNER, page: 1, attempt: 1 } },
      },
    });
    expect(published).toEqual([]);
    expect(workouts.items.size).toBe(0);

    tracker.scripted = [{ status: 'rate-limited', retryAt }];
    expect(await backfillHistory({ runnerId: RUNNER, page: 1, attempt: MAX_DEFERRALS - 1 }, deps())).toMatchObject({
      status: 'deferred',
    });
    expect(dueItem()!.payload).toMatchObject({ attempt: MAX_DEFERRALS });

    due.items.clear();
    tracker.scripted = [{ status: 'rate-limited', retryAt }];
    expect(await backfillHistory({ runnerId: RUNNER, page: 1, attempt: MAX_DEFERRALS }, deps())).toMatchObject({
      status: 'gave-up',
      nextPage: 1,
    });
    expect(due.items.size).toBe(0);
  });

  it('a deferral after progress starts the count again', async () => {
    tracker.scripted = [
      { status: 'ok', workouts: [workout(0)], hasMore: true, skipped: 0 },
      { status: 'rate-limited', retryAt: new Date('2026-03-10T12:15:00.000Z') },
    ];
    const outcome = await backfillHistory({ runnerId: RUNNER, page: 1, attempt: 5 }, deps());
    expect(outcome).toMatchObject({ status: 'deferred', pages: 1, nextPage: 2, imported: 1 });
    expect(dueItem()!.payload).toMatchObject({ attempt: 1, event: { detail: { page: 2, attempt: 1 } } });
  });

  it('stops paging near the 15-minute read limit and continues at the window reset', async () => {
    const windowResetsAt = new Date('2026-03-10T12:15:00.000Z');
    tracker.onList = async () => {
      const used = tracker.queries.length;
      tracker.status = {
        at: now,
        overall: { usage15: used, usageDaily: used, limit15: 200, limitDaily: 2000 },
        read: { usage15: 78 + used, usageDaily: 300, limit15: 100, limitDaily: 1000 },
        windowResetsAt,
        dailyResetsAt: new Date('2026-03-11T00:00:00.000Z'),
      };
    };
    const outcome = await backfillHistory({ runnerId: RUNNER }, deps({ perPage: 20 }));
    // 79 and 80 reads used after pages 1 and 2: 80 is 80 % of 100, so page 3 waits.
    expect(outcome).toMatchObject({ status: 'deferred', reason: 'near-limit', pages: 2, nextPage: 3, imported: 40 });
    expect(dueItem()).toMatchObject({
      dueAt: windowResetsAt.toISOString(),
      payload: { event: { detail: { page: 3, attempt: 1 } } },
    });
    expect(published).toEqual([]);
  });

  it('does not start when the daily budget is nearly spent', async () => {
    const dailyResetsAt = new Date('2026-03-11T00:00:00.000Z');
    tracker.status = {
      at: new Date(NOW.getTime() - 60_000),
      overall: null,
      read: { usage15: 3, usageDaily: 850, limit15: 100, limitDaily: 1000 },
      windowResetsAt: new Date('2026-03-10T12:15:00.000Z'),
      dailyResetsAt,
    };
    const outcome = await backfillHistory({ runnerId: RUNNER }, deps());
    expect(outcome).toMatchObject({ status: 'deferred', reason: 'near-limit', pages: 0, dueAt: dailyResetsAt.toISOString() });
    expect(tracker.queries).toEqual([]);
  });

  it('loses quietly to a concurrent invocation of the same page', async () => {
    tracker.onList = async () => {
      await backfills.advanceCursor(RUNNER, 1, { nextPage: 2, imported: 100 });
    };
    const outcome = await backfillHistory({ runnerId: RUNNER }, deps());
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'superseded' });
    expect(backfills.cursors.get(RUNNER)).toMatchObject({ nextPage: 2, imported: 100 });
    expect(published).toEqual([]);
  });

  it('does nothing for a runner who is gone', async () => {
    runners.byId.clear();
    expect(await backfillHistory({ runnerId: RUNNER }, deps())).toMatchObject({ status: 'skipped', reason: 'unknown-runner' });
    expect(backfills.cursors.size).toBe(0);
    expect(tracker.queries).toEqual([]);
  });

  it('gives a runner without a zone of their own the zone of their newest activity, once', async () => {
    // Newest first: a fallback zone (no name at Strava), then New York; older ones from a trip.
    tracker.history[0] = workout(0, { timeZone: 'Etc/GMT+5' });
    tracker.history[1] = workout(1, { timeZone: 'America/New_York' });
    for (let n = 2; n < 10; n++) tracker.history[n] = workout(n, { timeZone: 'Asia/Tokyo' });
    expect(await backfillHistory({ runnerId: RUNNER }, deps({ perPage: 50 }))).toMatchObject({ status: 'finished' });
    expect((await runners.getRunner(RUNNER))?.settings).toMatchObject({ timeZone: 'America/New_York' });
    expect((await runners.getRunner(RUNNER))?.settings.timeZoneSetByRunner).toBeUndefined();
    expect(runners.adoptions).toBe(1);
    // 18:00 in New York (EDT from 8 March) is 22:00 UTC; the weekly email on Sunday.
    expect(Object.fromEntries(schedule.next)).toEqual({
      [`${RUNNER}/core-check`]: '2026-03-10T22:00:00.000Z',
      [`${RUNNER}/weekly-digest`]: '2026-03-15T22:00:00.000Z',
    });
    expect(logs).toContainEqual({
      message: 'history backfill adopted time zone',
      fields: { runnerId: RUNNER, timeZone: 'America/New_York' },
    });
  });

  it('keeps a zone the runner chose, and one already taken from a new run', async () => {
    tracker.history[0] = workout(0, { timeZone: 'America/New_York' });
    runners = new MemoryRunners(testRunner(RUNNER, 1, { timeZone: 'Europe/Berlin', timeZoneSetByRunner: true }));
    await backfillHistory({ runnerId: RUNNER }, deps());
    expect((await runners.getRunner(RUNNER))?.settings.timeZone).toBe('Europe/Berlin');

    backfills = new MemoryBackfills();
    runners = new MemoryRunners(testRunner(RUNNER, 1, { timeZone: 'America/Chicago' }));
    await backfillHistory({ runnerId: RUNNER }, deps());
    expect((await runners.getRunner(RUNNER))?.settings.timeZone).toBe('America/Chicago');
    expect(runners.adoptions).toBe(0);
    expect(schedule.next.size).toBe(0);
  });

  it('a continuation without a cursor past page 1 is stale', async () => {
    expect(await backfillHistory({ runnerId: RUNNER, page: 4 }, deps())).toMatchObject({
      status: 'skipped',
      reason: 'stale-page',
    });
    expect(backfills.cursors.size).toBe(0);
  });
});

describe('slowDownUntil', () => {
  const status = (read15: number, readDaily: number, at = NOW): RateLimitStatus => ({
    at,
    overall: { usage15: 1, usageDaily: 1, limit15: 200, limitDaily: 2000 },
    read: { usage15: read15, usageDaily: readDaily, limit15: 100, limitDaily: 1000 },
    windowResetsAt: new Date(at.getTime() + 15 * 60_000),
    dailyResetsAt: new Date(at.getTime() + 12 * HOUR),
  });

  it('is null without a snapshot or below 80 %', () => {
    expect(slowDownUntil(null, NOW)).toBeNull();
    expect(slowDownUntil(status(79, 799), NOW)).toBeNull();
  });

  it('waits for the window reset at 80 % of the 15-minute limit', () => {
    expect(slowDownUntil(status(80, 10), NOW)).toEqual(new Date(NOW.getTime() + 15 * 60_000));
  });

  it('waits for the daily reset at 80 % of the daily limit', () => {
    expect(slowDownUntil(status(99, 800), NOW)).toEqual(new Date(NOW.getTime() + 12 * HOUR));
  });

  it('ignores counts of a window that has already reset', () => {
    expect(slowDownUntil(status(99, 10), new Date(NOW.getTime() + 15 * 60_000))).toBeNull();
  });
});
