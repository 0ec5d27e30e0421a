import type { StravaPendingDetail } from '../ports/events.js';
import {
  isTrackerUnavailable,
  TrackerAuthError,
  type Clock,
  type DueQueue,
  type EventPublisher,
  type PendingActivities,
  type RunnerStore,
  type TrackerClient,
} from '../ports/index.js';
import { NOT_FOUND_RETRY_MINUTES, scheduleResolve } from './sync-activity.js';

export interface ResolveDeps {
  tracker: Pick<TrackerClient, 'listWorkouts'>;
  runners: Pick<RunnerStore, 'sweepIfDeleted'>;
  pending: PendingActivities;
  publisher: EventPublisher;
  due: DueQueue;
  clock: Clock;
}

/** How far before the earliest waiting event the list looks: an activity may be uploaded days after it started. */
export const LIST_LOOKBACK_DAYS = 7;
/** Strava's largest page. */
const PER_PAGE = 200;
/** When Strava cannot be asked, the list is tried again this much later. */
const UNAVAILABLE_RETRY_MINUTES = 15;

export type ResolveOutcome =
  | { status: 'resolved'; found: number; waiting: number; gaveUp: number }
  | { status: 'retry-scheduled'; dueAt: string }
  | { status: 'gave-up'; reason: 'unauthorized' }
  | { status: 'nothing-waiting' };

/**
 * One list of the runner's activities settles every activity event that waits: those in the list
 * are real and are fetched (without waiting for the runner's read budget); the rest wait for the
 * next list, and after NOT_FOUND_RETRY_MINUTES.length lists they are given up (made up, or deleted
 * before we saw them). So a flood of made-up ids costs one GET each at most, plus one list per
 * runner per few minutes.
 */
export async function resolvePending(input: StravaPendingDetail, deps: ResolveDeps): Promise<ResolveOutcome> {
  try {
    return await resolveFor(input, deps);
  } finally {
    await deps.runners.sweepIfDeleted(input.runnerId);
  }
}

async function resolveFor(input: StravaPendingDetail, deps: ResolveDeps): Promise<ResolveOutcome> {
  const { runnerId, athleteId } = input;
  const waiting = await deps.pending.list(runnerId);
  if (waiting.length === 0) return { status: 'nothing-waiting' };
  const now = deps.clock.now();
  const earliest = Math.min(...waiting.map((w) => w.eventTime));

  let listed: Awaited<ReturnType<ResolveDeps['tracker']['listWorkouts']>>;
  try {
    listed = await deps.tracker.listWorkouts(runnerId, {
      after: new Date((earliest - LIST_LOOKBACK_DAYS * 86_400) * 1000),
      before: new Date(now.getTime() + 86_400_000),
      page: 1,
      perPage: PER_PAGE,
    });
  } catch (err) {
    if (err instanceof TrackerAuthError) return { status: 'gave-up', reason: 'unauthorized' };
    if (!isTrackerUnavailable(err)) throw err;
    return retryAt(input, new Date(now.getTime() + UNAVAILABLE_RETRY_MINUTES * 60_000), deps);
  }
  if (listed.status === 'rate-limited') return retryAt(input, listed.retryAt > now ? listed.retryAt : now, deps);

  const seen = new Set(listed.workouts.map((w) => w.sourceId));
  let found = 0;
  let gaveUp = 0;
  let nextCheck = Number.POSITIVE_INFINITY;
  for (const item of waiting) {
    if (seen.has(item.activityId)) {
      await deps.publisher.publish([
        {
          detailType: 'strava.activity',
          detail: {
            athleteId,
            activityId: item.activityId,
            aspect: item.aspect,
            eventTime: item.eventTime,
            updates: {},
            attempt: 0,
            listed: true,
          },
        },
      ]);
      await deps.pending.remove(runnerId, item.activityId);
      found++;
      continue;
    }
    const checks = item.checks + 1;
    const delay = NOT_FOUND_RETRY_MINUTES[checks];
    if (delay === undefined) {
      await deps.pending.remove(runnerId, item.activityId);
      gaveUp++;
      continue;
    }
    await deps.pending.put(runnerId, { ...item, checks });
    nextCheck = Math.min(nextCheck, now.getTime() + delay * 60_000);
  }
  if (Number.isFinite(nextCheck)) await scheduleResolve(input, new Date(nextCheck), deps);
  return { status: 'resolved', found, waiting: waiting.length - found - gaveUp, gaveUp };
}

async function retryAt(input: StravaPendingDetail, dueAt: Date, deps: ResolveDeps): Promise<ResolveOutcome> {
  await scheduleResolve(input, dueAt, deps);
  return { status: 'retry-scheduled', dueAt: dueAt.toISOString() };
}
