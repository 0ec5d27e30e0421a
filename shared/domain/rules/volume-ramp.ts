/**
 * Volume ramp. NOT from the physical therapist's advice: a common coaching guideline (the "10%
 * rule" and the acute:chronic workload ratio); messages must label it so. Skipped without history.
 *
 * Levels (defaults): warning when the week is more than +30% over the trailing 4-week average or
 * ACWR ≥ 1.5; nudge when more than +10% or ACWR above 1.3. With ACWR defined as this week / the
 * trailing average (types.ts), ACWR = 1 + change, so at the default numbers the ACWR thresholds
 * are implied by the change thresholds; they matter when an operator tunes them apart.
 */
import type { Finding } from './findings.js';
import type { RuleSettings, TrainingLoad, WeekSummary } from '../week/types.js';

export function volumeRamp(_week: WeekSummary, load: TrainingLoad, settings: RuleSettings): Finding | null {
  if (load.trailing4WeekAvgM === null) return null;
  const { changeVsTrailingAvg: change, acwr } = load;
  const above = (v: number | null, limit: number) => v !== null && v > limit;
  const level =
    above(change, settings.rampWarnAbove) || (acwr !== null && acwr >= settings.acwrWarnAtOrAbove)
      ? 'warning'
      : above(change, settings.rampNudgeAbove) || above(acwr, settings.acwrNudgeAbove)
        ? 'nudge'
        : null;
  return level ? { rule: 'volume-ramp', level, changeVsTrailingAvg: change, acwr } : null;
}
