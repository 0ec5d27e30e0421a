/**
 * The speed-share warning, sent as soon as a recorded session pushes the week's speed work over the
 * limit (10% of the mileage by default): the share, the limit, and a plain ask to keep the rest easy.
 * One GSM-7 segment: the name gives way first, then the distances, then the wording.
 */
import { formatDistance } from '../units.js';
import type { MeasurementPreference, MessageKind } from '../types.js';
import { DEFAULT_RULE_SETTINGS } from '../week/types.js';
import { percent, percentAgainst } from './format.js';
import { fitSms, type SmsTemplate } from './sms.js';

export const SPEED_WARNING_KIND = 'speed-warning' satisfies MessageKind;

export interface SpeedWarningInput {
  firstName: string;
  /** Speed distance / base distance, as the speed-share finding reports it (0.12 = 12%). */
  share: number;
  /** The most speed work may be, e.g. 0.1. */
  limit: number;
  units: MeasurementPreference;
  speedDistanceM: number;
  /** What the share is taken of: the week so far, or the trailing 4-week average when that is larger. */
  baseDistanceM: number;
}

/** Beyond this a week's distance is a broken record: we leave the numbers out, not the warning. */
const MAX_PLAUSIBLE_WEEK_M = 10_000_000;

function plausible(m: number): boolean {
  return Number.isFinite(m) && m >= 0 && m <= MAX_PLAUSIBLE_WEEK_M;
}

/** A base worth dividing by and showing: at least 100 m ("0.1 km"). */
function usableBase(m: number): boolean {
  return plausible(m) && m >= 100;
}

/**
 * e.g. "Ana, speed work is 13% of your mileage this week (5.4 of 42.0 km), above the 10% that keeps your
 * back happy. Keep the rest of the week easy. -runnudge". Always GSM-7 and ≤ 160 septets.
 */
export function renderSpeedWarning(input: SpeedWarningInput): string {
  const { firstName, units, speedDistanceM, baseDistanceM } = input;
  const limit = Number.isFinite(input.limit) && input.limit > 0 ? input.limit : DEFAULT_RULE_SETTINGS.speedShareMax;
  let share = input.share;
  if (!Number.isFinite(share) && plausible(speedDistanceM) && usableBase(baseDistanceM)) {
    share = speedDistanceM / baseDistanceM;
  }
  const lim = percent(limit);
  const known = Number.isFinite(share) && share > 0;
  const pct = percentAgainst(share, limit);

  const distances: string[] = [];
  if (plausible(speedDistanceM) && usableBase(baseDistanceM)) {
    const speed = formatDistance(speedDistanceM, units);
    const base = formatDistance(baseDistanceM, units);
    const unit = base.split(' ')[1] ?? '';
    distances.push(` (${speed.replace(` ${unit}`, '')} of ${base})`);
  }
  distances.push('');

  const speedWork = (n: string) => `${n ? `${n}, s` : 'S'}peed work`;
  const templates: SmsTemplate[] = [];
  for (const dist of distances) {
    templates.push((n) =>
      known
        ? `${speedWork(n)} is ${pct} of your mileage this week${dist}, above the ${lim} that keeps your back happy. Keep the rest of the week easy. -runnudge`
        : `${speedWork(n)} is over ${lim} of your mileage this week${dist}, more than keeps your back happy. Keep the rest of the week easy. -runnudge`,
    );
  }
  templates.push((n) =>
    known
      ? `${speedWork(n)}: ${pct} of this week's mileage, over the ${lim} your back likes. Keep the rest easy. -runnudge`
      : `${speedWork(n)} is over ${lim} of this week's mileage. Keep the rest easy. -runnudge`,
  );
  return fitSms(templates, firstName);
}
