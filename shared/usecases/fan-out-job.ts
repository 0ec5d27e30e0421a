import type { RunnerJob } from '../domain/job-times.js';
import type { BusEvent, Clock, EventPublisher } from '../ports/index.js';
import type { JobScheduleStore } from '../ports/index.js';

/** Runners per bus event: one worker invocation serves this many. */
export const RUNNERS_PER_BATCH = 100;
/**
 * How far back the hourly job looks for runners it has not served: a week and a day, so even a
 * scheduler outage of days loses nobody (each empty hour bucket costs one small Query).
 */
export const JOB_LOOKBACK_HOURS = 8 * 24;

export interface FanOutResult {
  job: RunnerJob;
  runners: number;
  batches: number;
}

/**
 * The hourly entry of a per-runner job: reads the runners whose local time is due from the sparse
 * index (never a scan), and publishes them in batches for the `runner-jobs` workers, which run in
 * parallel on AWS. 100,000 runners due in one hour are 1,000 events: minutes of work, not an hour.
 */
export async function fanOutJob(
  job: RunnerJob,
  deps: { schedule: JobScheduleStore; publisher: EventPublisher; clock: Clock },
): Promise<FanOutResult> {
  const now = deps.clock.now();
  let cursor: string | undefined;
  let runners = 0;
  let pending: BusEvent[] = [];
  let batches = 0;
  do {
    const page = await deps.schedule.dueRunners(job, now, JOB_LOOKBACK_HOURS, RUNNERS_PER_BATCH, cursor);
    cursor = page.cursor;
    if (page.runnerIds.length > 0) {
      pending.push({ detailType: 'jobs.runner-batch', detail: { job, runnerIds: page.runnerIds } });
      runners += page.runnerIds.length;
      batches++;
    }
    // PutEvents takes 10 entries per call; flush as we go so memory stays flat.
    if (pending.length >= 10) {
      await deps.publisher.publish(pending);
      pending = [];
    }
  } while (cursor);
  if (pending.length > 0) await deps.publisher.publish(pending);
  return { job, runners, batches };
}
