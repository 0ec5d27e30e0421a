import type { EventBridgeEvent } from 'aws-lambda';
import { ports, type Ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { runnerConnectedDetail, runnerJobBatchDetail } from '../../shared/ports/events.js';
import { runJobBatch, type JobBatchDeps } from '../../shared/usecases/run-job-batch.js';
import { scheduleRunnerJobs } from '../../shared/usecases/schedule-runner-jobs.js';
import { BatchFailedError } from '../../shared/usecases/errors.js';

function jobDeps(ctx: Ports): JobBatchDeps {
  return {
    runners: ctx.runners,
    ledger: ctx.ledger,
    due: ctx.due,
    notifier: ctx.notifier,
    clock: ctx.clock,
    workouts: ctx.workouts,
    checkIns: ctx.checkIns,
    schedule: ctx.schedule,
    backfills: ctx.backfills,
    publicUrl: ctx.config.PUBLIC_URL,
    linkSecret: ctx.secrets.appSecret,
  };
}

/**
 * Bus: `runner.connected` → put the runner's jobs on the schedule; `jobs.runner-batch` → run the job
 * for each runner of the batch (shared/usecases/run-job-batch.ts). When any runner failed, the batch
 * fails so the bus retries it; the ledger keeps the runners already served from a second message.
 */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await ports();
  if (event['detail-type'] === 'runner.connected') {
    const { runnerId } = runnerConnectedDetail.parse(event.detail);
    const runner = await ctx.runners.getRunner(runnerId);
    if (runner) await scheduleRunnerJobs(runner, jobDeps(ctx));
    return { scheduled: runner !== null };
  }
  const batch = runnerJobBatchDetail.parse(event.detail);
  const { job, results, failed } = await runJobBatch(batch, jobDeps(ctx));
  logger.info('runner jobs', { job, runners: batch.runnerIds.length, failed: failed.length });
  if (failed.length > 0)
    throw new BatchFailedError(`${job}: ${failed.length} of ${batch.runnerIds.length} runners failed: ${failed[0]!.error}`);
  return { job, results };
});
