import type { Runner, Workout } from '../domain/types.js';
import type { StravaActivityDetail } from '../ports/events.js';
import {
  isTrackerUnavailable,
  TrackerAuthError,
  type Clock,
  type DueQueue,
  type EventPublisher,
  type FetchWorkoutResult,
  type RunnerStore,
  type TrackerClient,
  type WorkoutStore,
} from '../ports/index.js';
import type { JobScheduleStore } from '../ports/training.js';
import { adoptTrackerZone } from './adopt-zone.js';

export interface SyncDeps {
  runners: Pick<RunnerStore, 'findRunnerByAthlete' | 'adoptTimeZone'>;
  workouts: WorkoutStore;
  tracker: Pick<TrackerClient, 'fetchWorkout'>;
  publisher: EventPublisher;
  due: DueQueue;
  /** The runner's job times move with an adopted zone. */
  schedule: JobScheduleStore;
  clock: Clock;
}

/**
 * Strava sometimes answers 404 right after `create` (the activity is still processing). We try again
 * after these delays (minutes), then give up. 5/15/45 is what other integrations found to work.
 */
export const NOT_FOUND_RETRY_MINUTES = [5, 15, 45] as const;
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
  | { status: 'retry-scheduled'; dueAt: string; reason: RetryReason }
  /** `unauthorized`: the runner's grant is gone (revoked, refresh token refused); retrying cannot help. */
  | { status: 'gave-up'; reason: RetryReason | 'unauthorized' }
  | { status: 'ignored'; reason: 'unknown-athlete' };

type Fetched = FetchWorkoutResult | { status: 'unavailable' } | { status: 'unauthorized' };

/** Activity event → fetch, normalize, store, and announce "workout recorded" (or removed). */
export async function syncActivity(input: StravaActivityDetail, deps: SyncDeps): Promise<SyncOutcome> {
  const attempt = input.attempt ?? 0;
  const runner = await deps.runners.findRunnerByAthlete(input.athleteId);
  if (!runner) return { status: 'ignored', reason: 'unknown-athlete' };
  const { runnerId } = runner;
  const sourceId = input.activityId;

  if (input.aspect === 'delete') {
    const existed = await deps.workouts.deleteWorkout(runnerId, sourceId);
    if (existed) await deps.publisher.publish([{ detailType: 'workout.deleted', detail: { runnerId, sourceId } }]);
    return { status: 'deleted', runnerId, sourceId, existed };
  }

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

  const now = deps.clock.now();
  let dueAt: Date;
  if (result.status === 'not-found') {
    const delay = NOT_FOUND_RETRY_MINUTES[attempt];
    if (delay === undefined) return { status: 'gave-up', reason: 'not-found' };
    dueAt = new Date(now.getTime() + delay * 60_000);
  } else if (result.status === 'unavailable') {
    const delay = UNAVAILABLE_RETRY_MINUTES[attempt];
    if (delay === undefined) return { status: 'gave-up', reason: 'unavailable' };
    dueAt = new Date(now.getTime() + delay * 60_000);
  } else {
    if (attempt >= MAX_RATE_LIMITED_ATTEMPTS) return { status: 'gave-up', reason: 'rate-limited' };
    dueAt = result.retryAt > now ? result.retryAt : new Date(now.getTime() + 60_000);
  }
  await deps.due.schedule({
    runnerId,
    // One pending retry per activity and aspect: a duplicate event does not double the fetches.
    id: `refetch#${sourceId}#${input.aspect}`,
    dueAt: dueAt.toISOString(),
    payload: {
      type: 'event',
      attempt: attempt + 1,
      event: { detailType: 'strava.activity', detail: { ...input, attempt: attempt + 1 } },
    },
  });
  return { status: 'retry-scheduled', dueAt: dueAt.toISOString(), reason: result.status };
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
