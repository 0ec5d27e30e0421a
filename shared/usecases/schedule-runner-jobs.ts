import { nextRunOf } from '../domain/job-times.js';
import type { Runner } from '../domain/types.js';
import type { Clock } from '../ports/index.js';
import type { JobScheduleStore } from '../ports/index.js';

// Kept apart from runner-jobs.ts so that functions which only move a schedule (activity sync, the
// settings API) do not bundle every message and rule the jobs themselves need.
/** Puts the runner's next run of every per-runner job on the schedule (after connect or a zone change). */
export async function scheduleRunnerJobs(
  runner: Runner,
  deps: { schedule: Pick<JobScheduleStore, 'setNextRun'>; clock: Clock },
): Promise<void> {
  const now = deps.clock.now();
  for (const job of ['core-check', 'weekly-digest'] as const) {
    await deps.schedule.setNextRun(runner.runnerId, job, nextRunOf(job, now, runner.settings.timeZone));
  }
}
