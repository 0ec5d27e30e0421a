/**
 * The per-runner jobs: which use case serves each job, and the runner's schedule moved on after it.
 * The decisions themselves live one per file: core-nudge.ts, rest-day-stretch.ts, plank-offer.ts
 * (the evening `core-check`, composed in core-check.ts), weekly-digest.ts and back-pain-referral.ts.
 */
import { nextRunOf, type RunnerJob } from '../domain/job-times.js';
import type { Runner } from '../domain/types.js';
import type { CheckInStore, JobScheduleStore } from '../ports/index.js';
import { runCoreCheck, type CoreCheckDeps } from './core-check.js';
import type { JobStep } from './job-day.js';
import { sendWeeklyDigest, type WeeklyDigestDeps } from './weekly-digest.js';

export type { JobStep } from './job-day.js';
export { scheduleRunnerJobs } from './schedule-runner-jobs.js';

export interface RunnerJobDeps extends CoreCheckDeps, WeeklyDigestDeps {
  workouts: CoreCheckDeps['workouts'] & WeeklyDigestDeps['workouts'];
  checkIns: CheckInStore;
  schedule: JobScheduleStore;
}

const JOBS: Record<RunnerJob, (runner: Runner, deps: RunnerJobDeps) => Promise<JobStep[]>> = {
  'core-check': runCoreCheck,
  'weekly-digest': sendWeeklyDigest,
};

/** Runs one job for one runner, then moves their schedule to the next local occurrence. */
export async function runRunnerJob(job: RunnerJob, runner: Runner, deps: RunnerJobDeps): Promise<JobStep[]> {
  try {
    return await JOBS[job](runner, deps);
  } finally {
    // Move on even when this run failed: the batch is retried by the bus (the ledger keeps anything
    // already sent from going twice), and a runner stuck in an old hour bucket would age out of the
    // job's look-back and never be served again.
    await deps.schedule.setNextRun(runner.runnerId, job, nextRunOf(job, deps.clock.now(), runner.settings.timeZone));
  }
}
