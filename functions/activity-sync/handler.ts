import type { EventBridgeEvent } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { count, METRIC } from '../../shared/app/telemetry/metrics.js';
import { stravaActivityDetail, stravaAthleteDetail, stravaPendingDetail } from '../../shared/ports/events.js';
import { confirmDeauthorization } from '../../shared/usecases/confirm-deauthorization.js';
import { resolvePending } from '../../shared/usecases/resolve-pending.js';
import { syncActivity } from '../../shared/usecases/sync-activity.js';

/**
 * Bus: `strava.activity` → fetch, normalize, store, emit `workout.recorded`/`workout.deleted`;
 * `strava.athlete` (deauthorized) → once Strava confirms that access was revoked (events are unsigned),
 * delete everything about the runner, as Strava's agreement requires.
 */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await ports();
  if (event['detail-type'] === 'strava.athlete') {
    const detail = stravaAthleteDetail.parse(event.detail);
    const outcome = await confirmDeauthorization(detail, {
      runners: ctx.runners,
      emailSubscriptions: ctx.emailSubscriptions,
      tracker: ctx.tracker,
      due: ctx.due,
      clock: ctx.clock,
      warn: (message, details) => logger.warn(message, details),
    });
    logger.info('athlete deauthorization', { ...outcome });
    return outcome;
  }
  if (event['detail-type'] === 'strava.pending') {
    const outcome = await resolvePending(stravaPendingDetail.parse(event.detail), {
      tracker: ctx.tracker,
      pending: ctx.pendingActivities,
      publisher: ctx.publisher,
      due: ctx.due,
      clock: ctx.clock,
    });
    logger.info('waiting activities listed', { ...outcome });
    return outcome;
  }
  const detail = stravaActivityDetail.parse(event.detail);
  const outcome = await syncActivity(detail, {
    runners: ctx.runners,
    workouts: ctx.workouts,
    tracker: ctx.tracker,
    publisher: ctx.publisher,
    due: ctx.due,
    schedule: ctx.schedule,
    budget: ctx.readBudget,
    pending: ctx.pendingActivities,
    dedupe: ctx.dedupe,
    readsPerWindow: ctx.config.STRAVA_READS_PER_ATHLETE,
    clock: ctx.clock,
  });
  const fields = { activityId: detail.activityId, aspect: detail.aspect, attempt: detail.attempt, ...outcome };
  if (outcome.status === 'recorded' && detail.aspect === 'create') count(METRIC.runsRecorded);
  if (outcome.status === 'gave-up') logger.warn('activity sync gave up', fields);
  else logger.info('activity synced', fields);
  return outcome;
});
