/**
 * Plank test (training-rules.md): for runners training for more than six months, a plank circuit
 * every 4 weeks, offered on a rest day; less advanced runners get shorter holds.
 */
import type { Finding } from './findings.js';
import type { Workout } from '../types.js';
import { isRun } from '../workout.js';
import { addDays, daysBetween, formatDate, parseDate } from '../week/dates.js';
import type { RuleSettings } from '../week/types.js';

export interface PlankTestInput {
  /** The runner's local date. */
  today: string;
  /** Today is a rest day (no run so far, and none planned as far as we know). */
  isRestDay: boolean;
  /** Local date of the runner's first recorded run; null when unknown. */
  firstRunDate: string | null;
  /**
   * Local date the test was last offered or logged. Use the offer date, so an unanswered offer is
   * not repeated every rest day.
   */
  lastPlankTestDate: string | null;
  advanced: boolean;
  settings: RuleSettings;
}

export function plankTestDue(input: PlankTestInput): Finding | null {
  const { today, isRestDay, firstRunDate, lastPlankTestDate, advanced, settings } = input;
  if (!isRestDay || firstRunDate === null) return null;
  // Calendar months: 2025-09-29 + 6 months = 2026-03-29 (month-end dates clamp, e.g. Aug 31 → Feb 28).
  const eligibleFrom = formatDate(parseDate(firstRunDate).plus({ months: settings.plankMinHistoryMonths }));
  if (today < eligibleFrom) return null;
  if (lastPlankTestDate !== null && daysBetween(lastPlankTestDate, today) < settings.plankEveryWeeks * 7) return null;
  return { rule: 'plank-test-due', advanced };
}

/** Seconds taken off each hold for less advanced runners (the rules say 5–15 s). */
export const PLANK_SHORTEN_SECONDS = 10;
/** No hold is shortened below this. */
export const PLANK_MIN_HOLD_SECONDS = 5;

export interface PlankHold {
  /** 1–6: the six steps of the circuit; steps 2 and 3 have a hold per side. */
  step: number;
  name: string;
  seconds: number;
}

/** The circuit as written in training-rules.md (all on the elbows), full holds: 150 s in total. */
const FULL_CIRCUIT: readonly PlankHold[] = [
  { step: 1, name: 'Plank', seconds: 30 },
  { step: 2, name: 'Plank, left arm lifted', seconds: 15 },
  { step: 2, name: 'Plank, right arm lifted', seconds: 15 },
  { step: 3, name: 'Plank, left leg lifted', seconds: 15 },
  { step: 3, name: 'Plank, right leg lifted', seconds: 15 },
  { step: 4, name: 'Plank, left arm and right leg lifted', seconds: 15 },
  { step: 5, name: 'Plank, right arm and left leg lifted', seconds: 15 },
  { step: 6, name: 'Plank', seconds: 30 },
];

export function plankCircuit(
  advanced: boolean,
  shortenBySeconds: number = PLANK_SHORTEN_SECONDS,
  minHoldSeconds: number = PLANK_MIN_HOLD_SECONDS,
): PlankHold[] {
  return FULL_CIRCUIT.map((h) => ({
    ...h,
    seconds: advanced ? h.seconds : Math.max(minHoldSeconds, h.seconds - shortenBySeconds),
  }));
}

/** Heuristic thresholds for isAdvancedRunner. */
export const ADVANCED_RUNNER = { windowWeeks: 8, minRunsPerWeek: 3, minLongRunM: 15_000 } as const;

/**
 * "Advanced" (a distance runner, in the rules' words): over the 8 weeks up to `today`, on average
 * ≥ 3 runs a week and at least one run of ≥ 15 km. Uses each workout's recorded `localDate`: a
 * zone difference of a few hours does not matter to an 8-week heuristic.
 */
export function isAdvancedRunner(history: Workout[], today: string, thresholds = ADVANCED_RUNNER): boolean {
  const from = addDays(today, -7 * thresholds.windowWeeks + 1);
  const runs = history.filter((w) => isRun(w) && w.localDate >= from && w.localDate <= today);
  return (
    runs.length >= thresholds.minRunsPerWeek * thresholds.windowWeeks &&
    runs.some((w) => w.distanceM >= thresholds.minLongRunM)
  );
}
