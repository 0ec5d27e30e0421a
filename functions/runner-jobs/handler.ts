import type { EventBridgeEvent } from 'aws-lambda';
import { ports, type Ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { backgroundHandler } from '../../shared/app/middleware.js';
import { runnerConnectedDetail, runnerJobBatchDetail } from '../../shared/ports/events.js';
import { runRunnerJob, scheduleRunnerJobs, type JobStep, type RunnerJobDeps } from '../../shared/usecases/runner-jobs.js';

/** Runners served at once within a batch: enough to overlap I/O, few enough for DynamoDB and SNS. */
const PARALLEL = 10;

function jobDeps(ctx: Ports): RunnerJobDeps {
  return {
    ledger: ctx.ledger,
    due: ctx.due,
    notifier: ctx.notifier,
    clock: ctx.clock,
    // The rules read our weekly figures, not raw tracker activities.
    workouts: ctx.history,
    checkIns: ctx.checkIns,
    schedule: ctx.schedule,
    backfills: ctx.backfills,
    publicUrl: ctx.config.PUBLIC_URL,
    linkSecret: ctx.secrets.appSecret,
  };
}

/**
 * Bus: `runner.connected` → put the runner's jobs on the schedule; `jobs.runner-batch` → run the job
 * for each runner of the batch. A failure for one runner does not stop the others; the batch then
 * fails so the bus retries it, and the ledger keeps the runners already served from a second message.
 */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, unknown>) => {
  const ctx = await ports();
  if (event['detail-type'] === 'runner.connected') {
    const { runnerId } = runnerConnectedDetail.parse(event.detail);
    const runner = await ctx.runners.getRunner(runnerId);
    if (runner) await scheduleRunnerJobs(runner, jobDeps(ctx));
    return { scheduled: runner !== null };
  }
  const { job, runnerIds } = runnerJobBatchDetail.parse(event.detail);
  const results: { runnerId: string; steps?: JobStep[]; error?: string }[] = [];
  for (let i = 0; i < runnerIds.length; i += PARALLEL) {
    await Promise.all(
      runnerIds.slice(i, i + PARALLEL).map(async (runnerId) => {
        try {
          const runner = await ctx.runners.getRunner(runnerId);
          if (!runner) return results.push({ runnerId, steps: [] });
          results.push({ runnerId, steps: await runRunnerJob(job, runner, jobDeps(ctx)) });
        } catch (err) {
          results.push({ runnerId, error: err instanceof Error ? err.message : String(err) });
        }
      }),
    );
  }
  const failed = results.filter((r) => r.error);
  logger.info('runner jobs', { job, runners: runnerIds.length, failed: failed.length });
  if (failed.length > 0) throw new Error(`${job}: ${failed.length} of ${runnerIds.length} runners failed: ${failed[0]!.error}`);
  return { job, results };
});
