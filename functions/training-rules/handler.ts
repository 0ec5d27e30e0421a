import type { EventBridgeEvent } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { workoutRecordedDetail } from '../../shared/ports/events.js';
import { checkSpeedShare } from '../../shared/usecases/speed-check.js';

/** Bus: `workout.recorded` → the rules that react to a session at once (speed share, once per week). */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await ports();
  const detail = workoutRecordedDetail.parse(event.detail);
  const outcome = await checkSpeedShare(detail, ctx);
  logger.info('speed share', { runnerId: detail.runnerId, sourceId: detail.sourceId, ...outcome });
  return outcome;
});
