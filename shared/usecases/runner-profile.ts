import { localDateOf } from '../domain/time.js';
import { unitsOf } from '../domain/units.js';
import type { Runner } from '../domain/types.js';
import { DEFAULT_RULE_SETTINGS } from '../domain/week/types.js';
import type { Clock } from '../ports/index.js';
import { loadTrainingWeeks, type TrainingWeeksDeps } from './training-weeks.js';

export interface WeekStatus {
  /** ISO week label, e.g. "2026-W48". */
  week: string;
  start: string;
  end: string;
  runs: number;
  distanceM: number;
  movingTimeS: number;
  speedDistanceM: number;
  /** Speed work / this week's run distance (0 without runs); the limit is `speedShareMax`. */
  speedShare: number;
  speedShareMax: number;
  coreSessions: number;
  coreTarget: number;
  restDays: number;
  /** The week so far against the trailing 4-week average (definitions in shared/domain/week/types.ts); null without history. */
  trailing4WeekAvgM: number | null;
  changeVsTrailingAvg: number | null;
  /** Acute:chronic ratio, coupled: this week ÷ the mean of the 4 weeks ending with it. */
  acwr: number | null;
}

/** The runner's current ISO week (in their zone) so far: what the settings page and /api/me show. */
export async function currentWeek(runner: Runner, deps: TrainingWeeksDeps & { clock: Clock }): Promise<WeekStatus> {
  const today = localDateOf(deps.clock.now(), runner.settings.timeZone);
  const { current: w, load } = await loadTrainingWeeks(runner, today, deps);
  return {
    week: w.week,
    start: w.start,
    end: w.end,
    runs: w.runs,
    distanceM: w.runDistanceM,
    movingTimeS: w.runMovingTimeS,
    speedDistanceM: w.speedDistanceM,
    speedShare: w.runDistanceM > 0 ? w.speedDistanceM / w.runDistanceM : 0,
    speedShareMax: DEFAULT_RULE_SETTINGS.speedShareMax,
    coreSessions: w.coreSessions,
    coreTarget: DEFAULT_RULE_SETTINGS.coreTargetPerWeek,
    restDays: w.restDays,
    trailing4WeekAvgM: load.trailing4WeekAvgM,
    changeVsTrailingAvg: load.changeVsTrailingAvg,
    acwr: load.acwr,
  };
}

export function profileJson(runner: Runner, week: WeekStatus) {
  return {
    runnerId: runner.runnerId,
    athleteId: runner.athleteId,
    firstName: runner.firstName,
    measurementPreference: runner.measurementPreference,
    units: unitsOf(runner),
    settings: runner.settings,
    week,
  };
}
