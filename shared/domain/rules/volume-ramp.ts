/**
 * Volume ramp. NOT from the physical therapist's advice: a common coaching guideline (the "10%
 * rule", Nielsen 2014's extra risk above +30%, and Gabbett's acute:chronic "danger zone" from 1.5);
 * messages must label it so. Skipped without history (no earlier week counted, see ../week/load.ts).
 *
 * Levels (defaults, training-rules.md "Made exact"): warning when the week is more than +30% over
 * the trailing 4-week average or the coupled acute:chronic ratio is ≥ 1.5; nudge when more than +10%
 * over the trailing average. Exactly +10% or +30% is not above the line.
 */
import type { Finding } from './findings.js';
import type { RuleSettings, TrainingLoad, WeekSummary } from '../week/types.js';

export type RampSettings = Pick<RuleSettings, 'rampNudgeAbove' | 'rampWarnAbove' | 'acwrWarnAtOrAbove'>;

export function volumeRamp(_week: WeekSummary, load: TrainingLoad, settings: RampSettings): Finding | null {
  if (load.trailing4WeekAvgM === null) return null;
  const { changeVsTrailingAvg: change, acwr } = load;
  const above = (v: number | null, limit: number) => v !== null && v > limit;
  const level =
    above(change, settings.rampWarnAbove) || (acwr !== null && acwr >= settings.acwrWarnAtOrAbove)
      ? 'warning'
      : above(change, settings.rampNudgeAbove)
        ? 'nudge'
        : null;
  return level ? { rule: 'volume-ramp', level, changeVsTrailingAvg: change, acwr } : null;
}
