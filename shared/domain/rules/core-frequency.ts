/**
 * Core frequency (training-rules.md): target 3 core sessions per ISO week; nudge when the target can
 * no longer be met without doubling up.
 *
 * Reading of "can no longer be met without doubling up", fixed by the file's own examples: the nudge
 * comes when the slack is gone, i.e. the sessions still needed are at least the days still usable
 * (needed ≥ daysLeft). From then on every remaining day needs a session, and missing one more means
 * doubling up. A strict "needed > daysLeft" would stay silent on Thursday evening with 0 done (3
 * needed, Fri–Sun = 3 days), which the rules file names as a nudge case.
 *
 * Today counts as a usable day until the evening hour (default 18:00 local): after that, a session
 * today is unlikely and a nudge for "today" would come too late.
 * "At most one nudge per runner per day" is the core-check job's duty (ledger keyed by local date);
 * this function only says whether a nudge is due.
 */
import type { Finding } from './findings.js';
import { daysBetween } from '../week/dates.js';
import type { RuleSettings, WeekSummary } from '../week/types.js';
import { InvalidValueError } from '../errors.js';

/** Local hour from which today no longer counts as a day left for a core session. */
export const DEFAULT_CORE_EVENING_HOUR = 18;

export interface CoreNudgeInput {
  week: WeekSummary;
  /** The runner's local date; must lie in `week`. */
  today: string;
  /** The runner's local hour, 0–23. */
  localHour: number;
  settings: RuleSettings;
  eveningHour?: number;
}

/** Days still usable for a core session, today included unless it is evening. */
export function coreDaysLeft(weekStart: string, today: string, localHour: number, eveningHour: number): number {
  const index = daysBetween(weekStart, today);
  if (index < 0 || index > 6) throw new InvalidValueError(`${today} is not in the week starting ${weekStart}`);
  if (!Number.isInteger(localHour) || localHour < 0 || localHour > 23) {
    throw new InvalidValueError(`localHour must be an integer 0-23: ${localHour}`);
  }
  return 7 - index - (localHour >= eveningHour ? 1 : 0);
}

export function coreNudgeDue(input: CoreNudgeInput): Finding | null {
  const { week, today, localHour, settings, eveningHour = DEFAULT_CORE_EVENING_HOUR } = input;
  const target = settings.coreTargetPerWeek;
  const done = week.coreSessions;
  const needed = target - done;
  const daysLeft = coreDaysLeft(week.start, today, localHour, eveningHour);
  // Sunday evening: the week is over for this rule; the weekly email reports the shortfall.
  if (needed <= 0 || daysLeft === 0) return null;
  return needed >= daysLeft ? { rule: 'core-frequency', done, target, daysLeft } : null;
}

/** The eight no-equipment core exercises from training-rules.md, in rotation order. */
export const CORE_EXERCISES = [
  'glute bridge',
  'clamshell',
  'plank',
  'side plank',
  'Russian twist',
  'superman',
  'bird dog',
  'fire hydrant',
] as const;
export type CoreExercise = (typeof CORE_EXERCISES)[number];

/**
 * `count` exercises for a nudge, rotating by `dayIndex` (pass a running day number such as
 * epochDay(localDate) from ../week/dates.ts, so the rotation carries on across weeks). Day d starts
 * at position d × count, so nudges on consecutive days name disjoint sets whenever count ≤ 4.
 */
export function pickCoreExercises(dayIndex: number, count: number): CoreExercise[] {
  if (!Number.isInteger(dayIndex)) throw new InvalidValueError(`dayIndex must be an integer: ${dayIndex}`);
  if (!Number.isFinite(count)) throw new InvalidValueError(`count must be a number: ${count}`);
  const n = CORE_EXERCISES.length;
  const k = Math.max(1, Math.min(n, Math.floor(count)));
  const first = (((dayIndex * k) % n) + n) % n;
  return Array.from({ length: k }, (_, i) => CORE_EXERCISES[(first + i) % n]!);
}
