import type { EventBridgeEvent } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { workoutRecordedDetail } from '../../shared/ports/events.js';
import { nudgeAfterRun } from '../../shared/usecases/nudge-after-run.js';

/** Bus: `workout.recorded` → the post-run stretch text, now or after quiet hours, once per run. */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await ports();
  const detail = workoutRecordedDetail.parse(event.detail);
  const outcome = await nudgeAfterRun(detail, ctx); // ports has every port the use case names
  logger.info('post-run nudge', { runnerId: detail.runnerId, sourceId: detail.sourceId, ...outcome });
  return outcome;
});
