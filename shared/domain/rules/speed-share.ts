/**
 * Speed share (training-rules.md): speed work at most 10% of the week's mileage.
 *
 * The base is the larger of the week's distance so far and the trailing 4-week average. Early in
 * the week the distance so far is small, so a single Monday interval session would look like 40%
 * of "the week"; the trailing average stands in for the week still to come. Without history the
 * base is the week so far. Evaluated after each recorded run; "once per week" is the caller's duty
 * (the warning ledger is keyed by ISO week).
 */
import type { Finding } from './findings.js';
import type { RuleSettings, TrainingLoad, WeekSummary } from '../week/types.js';

export function speedShareExceeded(week: WeekSummary, load: TrainingLoad, settings: RuleSettings): Finding | null {
  const baseDistanceM = Math.max(week.runDistanceM, load.trailing4WeekAvgM ?? 0);
  if (baseDistanceM <= 0 || week.speedDistanceM <= 0) return null;
  const share = week.speedDistanceM / baseDistanceM;
  // "≤ 10%" is allowed: only strictly above the limit is a finding.
  if (share <= settings.speedShareMax) return null;
  return {
    rule: 'speed-share',
    share,
    limit: settings.speedShareMax,
    speedDistanceM: week.speedDistanceM,
    baseDistanceM,
  };
}
