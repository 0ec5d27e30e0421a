import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE } from '../domain/defaults.js';
import { isNamedTimeZone } from '../domain/zone-adoption.js';
import type { Runner, Workout } from '../domain/types.js';
import type { BusEvent } from '../ports/events.js';
import type {
  BackfillCursor,
  BackfillStore,
  Clock,
  DueItem,
  DueQueue,
  EventPublisher,
  RateLimitStatus,
  RunnerStore,
  TrackerClient,
  WorkoutStore,
} from '../ports/index.js';
import type { JobScheduleStore } from '../ports/index.js';
import { adoptTrackerZone } from './adopt-zone.js';

/** How far back the import reaches: enough for the 4-week comparisons and the plank-test history. */
export const HISTORY_MONTHS = 6;
/** Pages per invocation: 5 × (one Strava request + ≤100 conditional writes) stays far below the 120 s timeout. */
export const PAGES_PER_INVOCATION = 5;
/** Activities per page (Strava allows up to 200; 100 keeps one page's writes short). */
export const PER_PAGE = 100;
/**
 * Stop paging once a window's usage reaches this share of its limit (strava.md §3: 100 reads per
 * 15 min and 1,000 per day for the whole app): the rest is left for webhook syncs, which matter more.
 */
export const SLOW_DOWN_AT = 0.8;
/**
 * After each page a "resume here" item waits this long in the due queue. If the invocation dies after
 * moving the cursor (timeout, crash), the bus's retry of its event is a stale page and a no-op, so this
 * item is what picks the import up again. Longer than the function's timeout; a no-op when not needed.
 */
export const RESUME_AFTER_MINUTES = 5;
/** Deferrals of one page (rate limit) before giving up; a reconnect starts it again. */
export const MAX_DEFERRALS = 16;
/** One due item per runner for the import: a later schedule replaces the earlier one. */
export const BACKFILL_DUE_ID = 'backfill#strava';

export interface BackfillInput {
  runnerId: string;
  /**
   * The page a `history.backfill` continuation asks for. Omitted for `runner.connected`: start the
   * import, or resume an unfinished one where its cursor stands (a reconnect revives a stalled import).
   */
  page?: number | undefined;
  /** Consecutive deferrals of `page` so far. */
  attempt?: number | undefined;
}

export interface BackfillDeps {
  runners: Pick<RunnerStore, 'getRunner' | 'adoptTimeZone'>;
  workouts: Pick<WorkoutStore, 'putWorkout' | 'listWorkouts'>;
  tracker: Pick<TrackerClient, 'listWorkouts' | 'rateLimitStatus'>;
  backfills: BackfillStore;
  publisher: EventPublisher;
  due: Pick<DueQueue, 'schedule' | 'remove'>;
  /** The runner's job times move when the import adopts their zone. */
  schedule: JobScheduleStore;
  clock: Clock;
  /** Progress lines (ids and counts only, never tokens). */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Overrides for tests. */
  limits?: { pagesPerInvocation?: number; perPage?: number };
}

export type BackfillOutcome =
  | { status: 'finished'; runnerId: string; pages: number; imported: number }
  | { status: 'continued'; runnerId: string; pages: number; nextPage: number; imported: number }
  | {
      status: 'deferred';
      runnerId: string;
      pages: number;
      nextPage: number;
      imported: number;
      dueAt: string;
      reason: 'rate-limited' | 'near-limit';
    }
  | { status: 'gave-up'; runnerId: string; nextPage: number; imported: number; reason: 'rate-limited' }
  | {
      status: 'skipped';
      runnerId: string;
      reason: 'unknown-runner' | 'already-finished' | 'stale-page' | 'superseded';
    };

/**
 * Imports the runner's last HISTORY_MONTHS of activities from the tracker's activity list into the
 * workout store, a few pages per invocation, continuing itself over the bus (or, near the rate limit,
 * through the due queue at the next window). The cursor makes it resumable and idempotent: only the
 * invocation that moves it on from a page counts that page, and a continuation for a page already
 * done is a no-op. Imported workouts never announce `workout.recorded`: history never produces texts.
 */
export async function backfillHistory(input: BackfillInput, deps: BackfillDeps): Promise<BackfillOutcome> {
  const { runnerId } = input;
  const pagesPerInvocation = deps.limits?.pagesPerInvocation ?? PAGES_PER_INVOCATION;
  const perPage = deps.limits?.perPage ?? PER_PAGE;
  const skipped = (reason: Extract<BackfillOutcome, { status: 'skipped' }>['reason']): BackfillOutcome => {
    deps.log?.('history backfill skipped', { runnerId, page: input.page, reason });
    return { status: 'skipped', runnerId, reason };
  };

  // A runner deleted meanwhile (deauthorization) must not get a new cursor from a late continuation.
  const runner = await deps.runners.getRunner(runnerId);
  if (!runner) return skipped('unknown-runner');

  let cursor = await deps.backfills.getCursor(runnerId);
  if (!cursor) {
    if (input.page !== undefined && input.page !== 1) return skipped('stale-page');
    cursor = await deps.backfills.startCursor(runnerId, newCursor(deps.clock.now()));
  }
  if (cursor.finishedAt !== undefined) return skipped('already-finished');
  if (input.page !== undefined && input.page !== cursor.nextPage) return skipped('stale-page');

  const after = new Date(cursor.after);
  const before = new Date(cursor.before);
  let page = cursor.nextPage;
  let imported = cursor.imported;
  let pages = 0;
  let attempt = input.attempt ?? 0;

  /** Hands the current page to the due queue; a deferral without progress counts toward giving up. */
  const defer = async (dueAt: Date, reason: 'rate-limited' | 'near-limit'): Promise<BackfillOutcome> => {
    const nextAttempt = (pages > 0 ? 0 : attempt) + 1;
    if (nextAttempt > MAX_DEFERRALS) {
      deps.log?.('history backfill gave up', { runnerId, page, imported, attempt, reason });
      return { status: 'gave-up', runnerId, nextPage: page, imported, reason: 'rate-limited' };
    }
    await deps.due.schedule(continuation(runnerId, page, nextAttempt, dueAt));
    deps.log?.('history backfill deferred', { runnerId, page, imported, dueAt: dueAt.toISOString(), reason });
    return { status: 'deferred', runnerId, pages, nextPage: page, imported, dueAt: dueAt.toISOString(), reason };
  };

  /** The "resume here" item this invocation scheduled last, removed again when the import finishes. */
  let resume: DueItem | null = null;

  for (;;) {
    const pause = slowDownUntil(deps.tracker.rateLimitStatus(), deps.clock.now());
    if (pause) return defer(pause, 'near-limit');
    if (pages >= pagesPerInvocation) break;

    const result = await deps.tracker.listWorkouts(runnerId, { after, before, page, perPage });
    if (result.status === 'rate-limited') return defer(result.retryAt, 'rate-limited');

    const stored = await storeNew(runnerId, result.workouts, deps.workouts);
    const now = deps.clock.now();
    const next = {
      nextPage: page + 1,
      imported: imported + stored,
      ...(result.hasMore ? {} : { finishedAt: now.toISOString() }),
    };
    // Someone else moved the cursor (a duplicate continuation ran this page too): theirs counts.
    if (!(await deps.backfills.advanceCursor(runnerId, page, next))) return skipped('superseded');
    pages++;
    imported = next.imported;
    // Page 1 holds the newest history (newest first with `before`): a runner without a zone of their
    // own gets the zone of their latest activity, as the webhook path does for each new run.
    if (page === 1) {
      const adopted = await adoptNewestZone(runner, result.workouts, deps);
      if (adopted) deps.log?.('history backfill adopted time zone', { runnerId, timeZone: adopted });
    }
    deps.log?.('history backfill page', {
      runnerId,
      page,
      stored,
      fetched: result.workouts.length,
      invalid: result.skipped,
      imported,
      hasMore: result.hasMore,
    });
    if (!result.hasMore) {
      if (resume) await deps.due.remove(resume);
      deps.log?.('history backfill finished', { runnerId, pages: page, imported });
      return { status: 'finished', runnerId, pages, imported };
    }
    page = next.nextPage;
    attempt = 0;
    resume = continuation(runnerId, page, 0, new Date(now.getTime() + RESUME_AFTER_MINUTES * 60_000));
    await deps.due.schedule(resume);
  }

  await deps.publisher.publish([continuationEvent(runnerId, page, 0)]);
  deps.log?.('history backfill continues', { runnerId, nextPage: page, imported });
  return { status: 'continued', runnerId, pages, nextPage: page, imported };
}

function newCursor(now: Date): BackfillCursor {
  return {
    after: DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months: HISTORY_MONTHS }).toJSDate().toISOString(),
    before: now.toISOString(),
    nextPage: 1,
    imported: 0,
    startedAt: now.toISOString(),
  };
}

/**
 * The zone of the newest activity that names one (see adoptTrackerZone), while the runner still has
 * the default zone: a zone adopted from a new run (webhook) is more recent than any history.
 */
async function adoptNewestZone(runner: Runner, workouts: Workout[], deps: BackfillDeps): Promise<string | null> {
  if (runner.settings.timeZone !== DEFAULT_TIME_ZONE) return null;
  const newest = workouts
    .filter((w) => isNamedTimeZone(w.timeZone))
    .reduce<Workout | null>((best, w) => (!best || w.startUtc > best.startUtc ? w : best), null);
  return newest ? adoptTrackerZone(runner, newest.timeZone, deps) : null;
}

/**
 * Stores the workouts not stored yet. One the webhook path already stored (a detailed fetch with laps)
 * is left alone; the range read costs one query per page instead of one read per workout.
 */
async function storeNew(runnerId: string, workouts: Workout[], store: BackfillDeps['workouts']): Promise<number> {
  if (workouts.length === 0) return 0;
  const dates = workouts.map((w) => w.localDate).sort();
  const existing = new Set((await store.listWorkouts(runnerId, dates[0]!, dates.at(-1)!)).map((w) => w.sourceId));
  let stored = 0;
  for (const workout of workouts) {
    if (existing.has(workout.sourceId)) continue;
    await store.putWorkout(workout);
    existing.add(workout.sourceId);
    stored++;
  }
  return stored;
}

/**
 * When to stop paging because the tracker's budget is nearly spent: the daily reset when a daily
 * count reached SLOW_DOWN_AT of its limit, else the window reset when a short-window count did.
 * Counts from a window that has already reset are ignored.
 */
export function slowDownUntil(status: RateLimitStatus | null, now: Date): Date | null {
  if (!status) return null;
  const windows = [status.overall, status.read].filter((w) => w !== null);
  const near = (usage: number, limit: number | null) => limit !== null && limit > 0 && usage >= SLOW_DOWN_AT * limit;
  if (now < status.dailyResetsAt && windows.some((w) => near(w.usageDaily, w.limitDaily))) return status.dailyResetsAt;
  if (now < status.windowResetsAt && windows.some((w) => near(w.usage15, w.limit15))) return status.windowResetsAt;
  return null;
}

function continuationEvent(runnerId: string, page: number, attempt: number): BusEvent {
  return { detailType: 'history.backfill', detail: { runnerId, page, attempt } };
}

function continuation(runnerId: string, page: number, attempt: number, dueAt: Date): DueItem {
  return {
    runnerId,
    id: BACKFILL_DUE_ID,
    dueAt: dueAt.toISOString(),
    payload: { type: 'event', attempt, event: continuationEvent(runnerId, page, attempt) },
  };
}
