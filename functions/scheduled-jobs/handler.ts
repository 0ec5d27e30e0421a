import * as z from 'zod';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { fanOutJob } from '../../shared/usecases/fan-out-job.js';

const scheduleInput = z.object({ job: z.enum(['core-check', 'weekly-digest']) });

/** Hourly schedules (EventBridge Scheduler input `{"job": ...}`): fan the due runners out to the bus. */
export const handler = backgroundHandler(async (event: unknown) => {
  const { job } = scheduleInput.parse(event);
  const ctx = await ports();
  const result = await fanOutJob(job, { schedule: ctx.schedule, publisher: ctx.publisher, clock: ctx.clock });
  logger.info('job fanned out', { ...result });
  return result;
});
