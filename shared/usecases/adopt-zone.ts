import { trackerZoneToAdopt } from '../domain/zone-adoption.js';
import type { Runner } from '../domain/types.js';
import type { Clock, RunnerStore } from '../ports/index.js';
import type { JobScheduleStore } from '../ports/index.js';
import { scheduleRunnerJobs } from './schedule-runner-jobs.js';

export interface AdoptZoneDeps {
  runners: Pick<RunnerStore, 'adoptTimeZone'>;
  schedule: JobScheduleStore;
  clock: Clock;
}

/**
 * A runner who has not chosen a zone follows the zone their tracker gives their latest activity, so
 * quiet hours, weeks and job times are theirs rather than UTC's; their per-runner jobs move with it.
 * Returns the adopted zone, or null when nothing changed (a zone of their own, the same zone, a
 * fallback zone, or a zone saved or adopted since `runner` was read: the store's write is conditional).
 */
export async function adoptTrackerZone(runner: Runner, activityZone: string, deps: AdoptZoneDeps): Promise<string | null> {
  const zone = trackerZoneToAdopt(runner.settings, activityZone);
  if (!zone) return null;
  const updated = await deps.runners.adoptTimeZone(runner.runnerId, { from: runner.settings.timeZone, to: zone });
  if (!updated) return null;
  await scheduleRunnerJobs(updated, { schedule: deps.schedule, clock: deps.clock });
  return zone;
}
