import type { EventBridgeEvent } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { historyBackfillDetail, runnerConnectedDetail } from '../../shared/ports/events.js';
import { backfillHistory, type BackfillInput } from '../../shared/usecases/backfill-history.js';

/**
 * Bus: `runner.connected` → start (or resume) importing the runner's recent Strava history;
 * `history.backfill` → continue it at the given page. Imported workouts never produce texts.
 */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await ports();
  let input: BackfillInput;
  if (event['detail-type'] === 'runner.connected') {
    input = { runnerId: runnerConnectedDetail.parse(event.detail).runnerId };
  } else {
    const detail = historyBackfillDetail.parse(event.detail);
    input = { runnerId: detail.runnerId, page: detail.page, attempt: detail.attempt };
  }
  const outcome = await backfillHistory(input, {
    runners: ctx.runners,
    workouts: ctx.workouts,
    figures: ctx.figures,
    trackerDataDays: ctx.config.TRACKER_DATA_DAYS,
    tracker: ctx.tracker,
    backfills: ctx.backfills,
    publisher: ctx.publisher,
    due: ctx.due,
    schedule: ctx.schedule,
    clock: ctx.clock,
    log: (message, fields) => logger.info(message, fields),
  });
  logger.info('history backfill', { trigger: event['detail-type'], ...outcome });
  return outcome;
});
