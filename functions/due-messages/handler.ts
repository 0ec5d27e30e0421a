import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { deliverDue } from '../../shared/usecases/deliver-due.js';

/** Schedule (every few minutes): held texts whose quiet hours ended, and deferred Strava re-fetches. */
export const handler = backgroundHandler(async (_event: unknown) => {
  const ctx = await ports();
  const result = await deliverDue({ ...ctx, maxSendAttempts: ctx.config.HELD_TEXT_MAX_ATTEMPTS });
  if (result.deadLettered > 0) logger.error('held texts dead-lettered', { deadLettered: result.deadLettered });
  logger.info('due-messages', { ...result });
  return result;
});
