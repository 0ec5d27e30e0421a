import type { EventBridgeEvent } from 'aws-lambda';
import { appContext } from '../../shared/app/context.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { stravaActivityDetail, stravaAthleteDetail } from '../../shared/ports/events.js';
import { disconnectRunner } from '../../shared/usecases/disconnect-runner.js';
import { syncActivity } from '../../shared/usecases/sync-activity.js';

/**
 * Bus: `strava.activity` → fetch, normalize, store, emit `workout.recorded`/`workout.deleted`;
 * `strava.athlete` (deauthorized) → delete everything about the runner, as Strava's agreement requires.
 */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await appContext();
  if (event['detail-type'] === 'strava.athlete') {
    const detail = stravaAthleteDetail.parse(event.detail);
    const runner = await ctx.runners.findRunnerByAthlete(detail.athleteId);
    if (runner) {
      await disconnectRunner(runner.runnerId, {
        runners: ctx.runners,
        emailSubscriptions: ctx.emailSubscriptions,
        warn: (message, details) => logger.warn(message, details),
      });
    }
    logger.info('athlete deauthorized', { deleted: runner !== null, runnerId: runner?.runnerId });
    return { status: runner ? 'deleted-runner' : 'ignored' };
  }
  const detail = stravaActivityDetail.parse(event.detail);
  const outcome = await syncActivity(detail, {
    runners: ctx.runners,
    workouts: ctx.workouts,
    tracker: ctx.strava,
    publisher: ctx.publisher,
    due: ctx.due,
    clock: ctx.clock,
  });
  logger.info('activity synced', { activityId: detail.activityId, aspect: detail.aspect, ...outcome });
  return outcome;
});
