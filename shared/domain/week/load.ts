/**
 * Training-load figures comparing a week with the weeks before it (definitions in ./types.ts).
 * Every ratio is null rather than Infinity/NaN when its denominator is zero or missing.
 */
import type { TrainingLoad, WeekSummary } from './types.js';

/** Below this, a standard deviation is rounding noise, i.e. every day had the same distance. */
const SD_EPSILON_M = 1e-9;

/**
 * A week counts as history only when it has run distance. An empty week cannot be told apart from
 * a week before the runner connected the tracker, and counting it as 0 would halve the average of a
 * runner who joined two weeks ago and flag their normal week as a spike. The price: after a week
 * off, the average is that of the weeks run (a return to normal volume is not flagged).
 */
const hasData = (w: WeekSummary | undefined): w is WeekSummary => w !== undefined && w.runDistanceM > 0;

/** Foster's monotony over the 7 daily distances: mean / population SD (the 7 days are the whole week). */
export function monotonyOf(dailyDistancesM: number[]): number | null {
  if (dailyDistancesM.length === 0) return null;
  const mean = dailyDistancesM.reduce((s, d) => s + d, 0) / dailyDistancesM.length;
  const variance = dailyDistancesM.reduce((s, d) => s + (d - mean) ** 2, 0) / dailyDistancesM.length;
  const sd = Math.sqrt(variance);
  return sd <= SD_EPSILON_M ? null : mean / sd;
}

/**
 * @param previous the weeks before `current`, most recent first; only the first 4 are read.
 *   Missing entries (a shorter array) are the same as empty weeks.
 */
export function trainingLoad(current: WeekSummary, previous: WeekSummary[]): TrainingLoad {
  const history = previous.slice(0, 4).filter(hasData);
  const avg = history.length > 0 ? history.reduce((s, w) => s + w.runDistanceM, 0) / history.length : null;
  const last = previous[0];
  const cur = current.runDistanceM;

  const monotony = monotonyOf(current.daily.map((d) => d.runDistanceM));
  return {
    trailing4WeekAvgM: avg,
    weekOverWeekChange: hasData(last) ? (cur - last.runDistanceM) / last.runDistanceM : null,
    changeVsTrailingAvg: avg !== null ? (cur - avg) / avg : null,
    acwr: avg !== null ? cur / avg : null,
    monotony,
    strain: monotony !== null ? (cur / 1000) * monotony : null,
  };
}
