/**
 * One batch of a per-runner job (a `jobs.runner-batch` event from the hourly fan-out).
 *
 * Primary course:
 * 1. The batch's runners are served `PARALLEL` at a time.
 * 2. For each: read the runner (gone since the fan-out: served, with nothing to send), then run the
 *    job for them (runner-jobs.ts), which also moves their schedule on.
 * 3. If the runner was deleted meanwhile, whatever the job wrote for them is swept.
 * 4. A failure for one runner is recorded with its message and does not stop the others.
 * 5. Every runner's steps or error come back; the caller fails the batch when any failed so the bus
 *    retries it, and the ledger keeps the runners already served from a second message.
 */
import type { RunnerJob } from '../domain/job-times.js';
import type { RunnerStore } from '../ports/index.js';
import type { JobStep } from './job-day.js';
import { runRunnerJob, type RunnerJobDeps } from './runner-jobs.js';

/** Runners served at once within a batch: enough to overlap I/O, few enough for DynamoDB and SNS. */
export const PARALLEL = 10;

export interface JobBatchDeps extends RunnerJobDeps {
  runners: Pick<RunnerStore, 'getRunner' | 'sweepIfDeleted'>;
}

export type RunnerResult = { runnerId: string; steps?: JobStep[]; error?: string };

export interface JobBatchOutcome {
  job: RunnerJob;
  /** One per runner of the batch, in the order they finished. */
  results: RunnerResult[];
  /** The results with an error. */
  failed: RunnerResult[];
}

export async function runJobBatch(batch: { job: RunnerJob; runnerIds: string[] }, deps: JobBatchDeps): Promise<JobBatchOutcome> {
  const { job, runnerIds } = batch;
  const results: RunnerResult[] = [];
  for (let i = 0; i < runnerIds.length; i += PARALLEL) {
    await Promise.all(
      runnerIds.slice(i, i + PARALLEL).map(async (runnerId) => {
        try {
          const runner = await deps.runners.getRunner(runnerId);
          if (!runner) return results.push({ runnerId, steps: [] });
          const steps = await runRunnerJob(job, runner, deps);
          // Deletion wins: a runner deleted while their job ran must not keep the schedule, ledger or
          // plank records it just wrote (shared/ports/stores.ts sweepIfDeleted).
          await deps.runners.sweepIfDeleted(runnerId);
          results.push({ runnerId, steps });
        } catch (err) {
          results.push({ runnerId, error: err instanceof Error ? err.message : String(err) });
        }
      }),
    );
  }
  return { job, results, failed: results.filter((r) => r.error) };
}
