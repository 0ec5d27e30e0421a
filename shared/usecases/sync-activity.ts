import type { StravaActivityDetail } from '../ports/events.js';
import type { Clock, DueQueue, EventPublisher, RunnerStore, TrackerClient, WorkoutStore } from '../ports/index.js';

export interface SyncDeps {
  runners: Pick<RunnerStore, 'findRunnerByAthlete'>;
  workouts: WorkoutStore;
  tracker: Pick<TrackerClient, 'fetchWorkout'>;
  publisher: EventPublisher;
  due: DueQueue;
  clock: Clock;
}

/**
 * Strava sometimes answers 404 right after `create` (the activity is still processing). We try again
 * after these delays (minutes), then give up. 5/15/45 is what other integrations found to work.
 */
export const NOT_FOUND_RETRY_MINUTES = [5, 15, 45] as const;
/** A rate-limited fetch waits for the next window; after this many windows we give up. */
export const MAX_RATE_LIMITED_ATTEMPTS = 8;

export type SyncOutcome =
  | { status: 'recorded'; runnerId: string; sourceId: string }
  | { status: 'deleted'; runnerId: string; sourceId: string; existed: boolean }
  | { status: 'retry-scheduled'; dueAt: string; reason: 'not-found' | 'rate-limited' }
  | { status: 'gave-up'; reason: 'not-found' | 'rate-limited' }
  | { status: 'ignored'; reason: 'unknown-athlete' };

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

  const result = await deps.tracker.fetchWorkout(runnerId, sourceId);
  if (result.status === 'ok') {
    await deps.workouts.putWorkout(result.workout);
    await deps.publisher.publish([
      { detailType: 'workout.recorded', detail: { runnerId, sourceId, aspect: input.aspect, backfill: false } },
    ]);
    return { status: 'recorded', runnerId, sourceId };
  }

  const now = deps.clock.now();
  let dueAt: Date;
  if (result.status === 'not-found') {
    const delay = NOT_FOUND_RETRY_MINUTES[attempt];
    if (delay === undefined) return { status: 'gave-up', reason: 'not-found' };
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
