import { isoWeekOf, localDateOf } from '../domain/time.js';
import type { Runner } from '../domain/types.js';
import { isRun } from '../domain/workout.js';
import type { Clock, WorkoutStore } from '../ports/index.js';

export interface WeekStatus {
  /** ISO week label, e.g. "2026-W48". */
  week: string;
  start: string;
  end: string;
  runs: number;
  distanceM: number;
  movingTimeS: number;
}

/** The runner's current ISO week (in their zone) so far: what the settings page and /api/me show. */
export async function currentWeek(runner: Runner, deps: { workouts: Pick<WorkoutStore, 'listWorkouts'>; clock: Clock }): Promise<WeekStatus> {
  const today = localDateOf(deps.clock.now(), runner.settings.timeZone);
  const w = isoWeekOf(today);
  const runs = (await deps.workouts.listWorkouts(runner.runnerId, w.start, w.end)).filter(isRun);
  return {
    week: `${w.year}-W${String(w.week).padStart(2, '0')}`,
    start: w.start,
    end: w.end,
    runs: runs.length,
    distanceM: runs.reduce((sum, r) => sum + r.distanceM, 0),
    movingTimeS: runs.reduce((sum, r) => sum + r.movingTimeS, 0),
  };
}

export function profileJson(runner: Runner, week: WeekStatus) {
  return {
    runnerId: runner.runnerId,
    athleteId: runner.athleteId,
    firstName: runner.firstName,
    measurementPreference: runner.measurementPreference,
    settings: runner.settings,
    week,
  };
}
