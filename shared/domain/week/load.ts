/**
 * Training-load figures comparing a week with the weeks before it (definitions in ./types.ts and in
 * training-rules.md, "Made exact"). Every ratio is null rather than Infinity/NaN when its denominator
 * is zero or missing.
 */
import { DEFAULT_RULE_SETTINGS, type RuleSettings, type TrainingLoad, type WeekSummary } from './types.js';

/** Below this, a standard deviation is rounding noise, i.e. every day had the same distance. */
const SD_EPSILON_M = 1e-9;

/** Foster's monotony over the 7 daily distances: mean / population SD (the 7 days are the whole week). */
export function monotonyOf(dailyDistancesM: number[]): number | null {
  if (dailyDistancesM.length === 0) return null;
  const mean = dailyDistancesM.reduce((s, d) => s + d, 0) / dailyDistancesM.length;
  const variance = dailyDistancesM.reduce((s, d) => s + (d - mean) ** 2, 0) / dailyDistancesM.length;
  const sd = Math.sqrt(variance);
  return sd <= SD_EPSILON_M ? null : mean / sd;
}

/** Local date of the first run in the given weeks, or null when none of them has a run. */
export function firstRunDateIn(weeks: WeekSummary[]): string | null {
  const dates = weeks.flatMap((w) => w.daily.filter((d) => d.runs > 0).map((d) => d.date));
  return dates.length > 0 ? dates.sort()[0]! : null;
}

/**
 * The earlier weeks that count as history: a week without runs counts (as 0 km) once the runner's
 * first known run is on or before its last day. A week entirely before the first run cannot be told
 * apart from the time before the runner started (or connected), so it is left out: a runner with two
 * weeks of history is compared with those two.
 */
export function countedWeeks(previous: WeekSummary[], firstRunDate: string | null, weeks: number): WeekSummary[] {
  if (firstRunDate === null) return [];
  return previous.slice(0, weeks).filter((w) => w.end >= firstRunDate);
}

export interface TrainingLoadOptions {
  /**
   * Local date of the runner's first known run (history import included). Left out: the first run
   * found in `previous` and `current`, i.e. the weeks given are all the runner's history that is known.
   */
  firstRunDate?: string | null;
  settings?: Pick<RuleSettings, 'trailingWeeks'>;
}

/**
 * @param previous the weeks before `current`, most recent first; only the first `trailingWeeks` (4)
 *   are read. Missing entries (a shorter array) are weeks before the runner's history.
 */
export function trainingLoad(current: WeekSummary, previous: WeekSummary[], options: TrainingLoadOptions = {}): TrainingLoad {
  const n = (options.settings ?? DEFAULT_RULE_SETTINGS).trailingWeeks;
  const firstRunDate =
    options.firstRunDate !== undefined ? options.firstRunDate : firstRunDateIn([current, ...previous.slice(0, n)]);
  const history = countedWeeks(previous, firstRunDate, n);
  const cur = current.runDistanceM;
  const sum = history.reduce((s, w) => s + w.runDistanceM, 0);
  const avg = history.length > 0 ? sum / history.length : null;
  // Coupled form (Gabbett 2016): the chronic load is the n weeks ending with this one, so this week
  // and the n − 1 most recent counted weeks before it. Without an earlier week there is no ratio.
  const chronicWeeks = history.slice(0, n - 1);
  const chronic =
    history.length > 0 ? (chronicWeeks.reduce((s, w) => s + w.runDistanceM, 0) + cur) / (chronicWeeks.length + 1) : null;
  const last = history[0] === previous[0] ? previous[0] : undefined;

  const monotony = monotonyOf(current.daily.map((d) => d.runDistanceM));
  return {
    trailing4WeekAvgM: avg,
    weekOverWeekChange: last !== undefined && last.runDistanceM > 0 ? (cur - last.runDistanceM) / last.runDistanceM : null,
    changeVsTrailingAvg: avg !== null && avg > 0 ? (cur - avg) / avg : null,
    acwr: chronic !== null && chronic > 0 ? cur / chronic : null,
    monotony,
    strain: monotony !== null ? (cur / 1000) * monotony : null,
  };
}
