import type { Runner, Workout } from '../domain/types.js';
import type { StravaActivityDetail, StravaPendingDetail } from '../ports/events.js';
import {
  isTrackerUnavailable,
  TrackerAuthError,
  type Clock,
  type DueQueue,
  type EventDedupe,
  type EventPublisher,
  type FetchWorkoutResult,
  type PendingActivities,
  type ReadBudget,
  type RunnerStore,
  type TrackerClient,
  type WorkoutStore,
} from '../ports/index.js';
import type { JobScheduleStore } from '../ports/index.js';
import { adoptTrackerZone } from './adopt-zone.js';
import { objectKey } from './receive-strava-event.js';

export interface SyncDeps {
  runners: Pick<RunnerStore, 'findRunnerByAthlete' | 'adoptTimeZone'>;
  workouts: WorkoutStore;
  tracker: Pick<TrackerClient, 'fetchWorkout'>;
  publisher: EventPublisher;
  due: DueQueue;
  /** The runner's job times move with an adopted zone. */
  schedule: JobScheduleStore;
  budget: ReadBudget;
  pending: PendingActivities;
  /** A delete Strava did not confirm is forgotten, so the real one, when it comes, is heard. */
  dedupe: Pick<EventDedupe, 'forget'>;
  /** Reads one runner may spend per budget window (setting STRAVA_READS_PER_ATHLETE). */
  readsPerWindow: number;
  clock: Clock;
}

/**
 * Strava sometimes answers 404 right after `create` (the activity is still processing). The event
 * then waits, and a list of the runner's activities looks for it after these delays (minutes), then
 * gives up: one list call settles every waiting event of the runner, so a made-up activity id costs
 * its one GET and no more. 5/15/45 is what other integrations found to work.
 */
export const NOT_FOUND_RETRY_MINUTES = [5, 15, 45] as const;
/** The read budget's window: Strava's own short window, the quarter hour (UTC). */
export const BUDGET_WINDOW_MINUTES = 15;
/**
 * Updates of one activity within this long are fetched once: an update waits this long (and the
 * due job's next run) before its fetch, and every update arriving meanwhile joins it.
 */
export const UPDATE_COALESCE_SECONDS = 60;
/** A rate-limited fetch waits for the next window; after this many windows we give up. */
export const MAX_RATE_LIMITED_ATTEMPTS = 8;
/**
 * Strava down (5xx) or not answering (network, timeout): the bus's few quick retries would all land
 * inside the same outage, so the fetch waits in the due queue instead, this many minutes per attempt.
 */
export const UNAVAILABLE_RETRY_MINUTES = [5, 15, 45, 120] as const;
/** Only a run this recent moves a runner's zone: an old activity uploaded late says nothing about now. */
export const ADOPT_ZONE_MAX_AGE_DAYS = 7;

export type RetryReason = 'not-found' | 'rate-limited' | 'unavailable';

export type SyncOutcome =
  | { status: 'recorded'; runnerId: string; sourceId: string; adoptedTimeZone?: string }
  | { status: 'deleted'; runnerId: string; sourceId: string; existed: boolean }
  /** A delete event for an activity Strava still shows the runner: made up (events are unsigned). */
  | { status: 'kept'; runnerId: string; sourceId: string; reason: 'still-at-strava' }
  /** Waits for a list of the runner's activities (budget spent, or 404). */
  | { status: 'waiting'; reason: 'budget' | 'not-found' }
  /** An update joined the fetch due after the coalescing window. */
  | { status: 'coalesced'; dueAt: string }
  | { status: 'retry-scheduled'; dueAt: string; reason: RetryReason }
  /** `unauthorized`: the runner's grant is gone (revoked, refresh token refused); retrying cannot help. */
  | { status: 'gave-up'; reason: RetryReason | 'unauthorized' }
  | { status: 'ignored'; reason: 'unknown-athlete' };

type Fetched = FetchWorkoutResult | { status: 'unavailable' } | { status: 'unauthorized' };

/** Activity event → fetch, normalize, store, and announce "workout recorded" (or removed). */
export async function syncActivity(input: StravaActivityDetail, deps: SyncDeps): Promise<SyncOutcome> {
  const attempt = input.attempt ?? 0;
  const listed = input.listed ?? false;
  const runner = await deps.runners.findRunnerByAthlete(input.athleteId);
  if (!runner) return { status: 'ignored', reason: 'unknown-athlete' };
  const { runnerId } = runner;
  const sourceId = input.activityId;
  const now = deps.clock.now();

  if (input.aspect === 'delete') return confirmDelete(input, runnerId, deps);

  if (input.aspect === 'update' && attempt === 0 && !listed) {
    // Titles and types change in bursts (and a flood can repeat one id): one fetch after the burst.
    const dueAt = new Date(now.getTime() + UPDATE_COALESCE_SECONDS * 1000).toISOString();
    await deps.due.scheduleIfAbsent({
      runnerId,
      id: `refetch#${sourceId}#update`,
      dueAt,
      payload: { type: 'event', attempt: 1, event: { detailType: 'strava.activity', detail: { ...input, attempt: 1 } } },
    });
    return { status: 'coalesced', dueAt };
  }

  // An id from the runner's own list is real; anything else spends the runner's budget first.
  if (!listed && !(await takeRead(runnerId, deps))) return waitForList(input, runnerId, 'budget', deps);

  const result = await fetchClassified(deps.tracker, runnerId, sourceId);
  if (result.status === 'unauthorized') return { status: 'gave-up', reason: 'unauthorized' };
  if (result.status === 'ok') {
    await deps.workouts.putWorkout(result.workout);
    // Before `workout.recorded`: the stretch text's quiet hours already use the adopted zone.
    const adopted = await adoptZone(runner, result.workout, deps);
    await deps.publisher.publish([
      { detailType: 'workout.recorded', detail: { runnerId, sourceId, aspect: input.aspect, backfill: false } },
    ]);
    return { status: 'recorded', runnerId, sourceId, ...(adopted ? { adoptedTimeZone: adopted } : {}) };
  }
  if (result.status === 'not-found') {
    // Listed a moment ago and gone now: deleted meanwhile, and its delete event says so.
    if (listed) return { status: 'gave-up', reason: 'not-found' };
    return waitForList(input, runnerId, 'not-found', deps);
  }
  return scheduleRetry(input, runnerId, result, deps);
}

/**
 * A delete event is unsigned: anyone may post one. Nothing stored → nothing to do (no Strava call).
 * Otherwise the activity is removed only when Strava answers 404 to the runner's working token; an
 * activity Strava still shows stays.
 */
async function confirmDelete(input: StravaActivityDetail, runnerId: string, deps: SyncDeps): Promise<SyncOutcome> {
  const sourceId = input.activityId;
  if (!(await deps.workouts.getWorkout(runnerId, sourceId))) return { status: 'deleted', runnerId, sourceId, existed: false };
  if (!(await takeRead(runnerId, deps))) {
    const dueAt = nextWindow(deps.clock.now());
    await deps.due.scheduleIfAbsent(retryItem(input, runnerId, dueAt, input.attempt ?? 0));
    return { status: 'retry-scheduled', dueAt: dueAt.toISOString(), reason: 'rate-limited' };
  }
  const result = await fetchClassified(deps.tracker, runnerId, sourceId);
  if (result.status === 'unauthorized') return { status: 'gave-up', reason: 'unauthorized' };
  if (result.status === 'ok') {
    // Made up: forget its delivery, or the real delete within the dedupe window would be a "duplicate".
    await deps.dedupe.forget(runnerId, objectKey('activity', sourceId, 'delete'));
    return { status: 'kept', runnerId, sourceId, reason: 'still-at-strava' };
  }
  if (result.status === 'not-found') {
    const existed = await deps.workouts.deleteWorkout(runnerId, sourceId);
    if (existed) await deps.publisher.publish([{ detailType: 'workout.deleted', detail: { runnerId, sourceId } }]);
    return { status: 'deleted', runnerId, sourceId, existed };
  }
  return scheduleRetry(input, runnerId, result, deps);
}

async function scheduleRetry(
  input: StravaActivityDetail,
  runnerId: string,
  result: { status: 'unavailable' } | { status: 'rate-limited'; retryAt: Date },
  deps: SyncDeps,
): Promise<SyncOutcome> {
  const attempt = input.attempt ?? 0;
  const now = deps.clock.now();
  let dueAt: Date;
  if (result.status === 'unavailable') {
    const delay = UNAVAILABLE_RETRY_MINUTES[attempt];
    if (delay === undefined) return { status: 'gave-up', reason: 'unavailable' };
    dueAt = new Date(now.getTime() + delay * 60_000);
  } else {
    if (attempt >= MAX_RATE_LIMITED_ATTEMPTS) return { status: 'gave-up', reason: 'rate-limited' };
    dueAt = result.retryAt > now ? result.retryAt : new Date(now.getTime() + 60_000);
  }
  await deps.due.schedule(retryItem(input, runnerId, dueAt, attempt + 1));
  return { status: 'retry-scheduled', dueAt: dueAt.toISOString(), reason: result.status };
}

/** One pending retry per activity and aspect: a duplicate event does not double the fetches. */
function retryItem(input: StravaActivityDetail, runnerId: string, dueAt: Date, attempt: number) {
  return {
    runnerId,
    id: `refetch#${input.activityId}#${input.aspect}`,
    dueAt: dueAt.toISOString(),
    payload: {
      type: 'event' as const,
      attempt,
      event: { detailType: 'strava.activity' as const, detail: { ...input, attempt } },
    },
  };
}

/** The event waits; one list of the runner's activities (resolve-pending) settles it with the others. */
async function waitForList(
  input: StravaActivityDetail,
  runnerId: string,
  reason: 'budget' | 'not-found',
  deps: SyncDeps,
): Promise<SyncOutcome> {
  const now = deps.clock.now();
  const aspect = input.aspect === 'update' ? 'update' : 'create';
  await deps.pending.add(runnerId, {
    activityId: input.activityId,
    aspect,
    eventTime: input.eventTime,
    checks: 0,
    since: now.toISOString(),
  });
  await scheduleResolve(
    { runnerId, athleteId: input.athleteId },
    new Date(now.getTime() + NOT_FOUND_RETRY_MINUTES[0] * 60_000),
    deps,
  );
  return { status: 'waiting', reason };
}

/** At most one list per runner waits in the due queue; the earliest one stays. */
export async function scheduleResolve(detail: StravaPendingDetail, dueAt: Date, deps: Pick<SyncDeps, 'due'>): Promise<void> {
  await deps.due.scheduleNoLater({
    runnerId: detail.runnerId,
    id: 'resolve-pending#strava',
    dueAt: dueAt.toISOString(),
    payload: { type: 'event', attempt: 0, event: { detailType: 'strava.pending', detail } },
  });
}

export function budgetWindow(now: Date): Date {
  const ms = BUDGET_WINDOW_MINUTES * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

function nextWindow(now: Date): Date {
  return new Date(budgetWindow(now).getTime() + BUDGET_WINDOW_MINUTES * 60_000);
}

function takeRead(runnerId: string, deps: Pick<SyncDeps, 'budget' | 'readsPerWindow' | 'clock'>): Promise<boolean> {
  return deps.budget.take(runnerId, budgetWindow(deps.clock.now()), deps.readsPerWindow);
}

/**
 * The tracker's answer, with its two kinds of failure that must not go to the bus's quick retries:
 * a grant that is gone (never retried) and no usable answer (retried later through the due queue).
 * Anything else (a bug, a 4xx, the token store failing) still throws, and the bus retries it.
 */
async function fetchClassified(tracker: SyncDeps['tracker'], runnerId: string, sourceId: string): Promise<Fetched> {
  try {
    return await tracker.fetchWorkout(runnerId, sourceId);
  } catch (err) {
    if (err instanceof TrackerAuthError) return { status: 'unauthorized' };
    if (isTrackerUnavailable(err)) return { status: 'unavailable' };
    throw err;
  }
}

/** The zone of a run that just happened (not an old activity uploaded late), for a runner without their own. */
async function adoptZone(runner: Runner, workout: Workout, deps: SyncDeps): Promise<string | null> {
  const ageMs = deps.clock.now().getTime() - Date.parse(workout.startUtc);
  if (!(ageMs <= ADOPT_ZONE_MAX_AGE_DAYS * 86_400_000)) return null;
  return adoptTrackerZone(runner, workout.timeZone, deps);
}
