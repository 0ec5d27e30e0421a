/**
 * Plank test (training-rules.md): for runners training for more than six months, a plank circuit
 * every 4 weeks, offered on a rest day; less advanced runners (under 15 km a week on average over the
 * last 8 weeks) get each hold 10 s shorter.
 */
import type { Finding } from './findings.js';
import type { Workout } from '../types.js';
import { isRun } from '../workout.js';
import { addDays, daysBetween, formatDate, parseDate } from '../week/dates.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../week/types.js';

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
export const PLANK_SHORTEN_SECONDS = DEFAULT_RULE_SETTINGS.plankShortenSeconds;
/** No hold is shortened below this. */
export const PLANK_MIN_HOLD_SECONDS = DEFAULT_RULE_SETTINGS.plankMinHoldSeconds;

export interface PlankHold {
  /** 1–6: the six steps of the circuit; steps 2 and 3 have a hold per side. */
  step: number;
  name: string;
  seconds: number;
}

/**
 * The circuit as written in training-rules.md (all on the elbows), full holds: 150 s in total. The
 * article calls it three minutes with the transitions; texts say "about two and a half minutes of holds".
 */
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

/** Total seconds of holds in the circuit (150 for the full one). */
export function plankCircuitSeconds(
  advanced: boolean,
  settings: Pick<RuleSettings, 'plankShortenSeconds' | 'plankMinHoldSeconds'> = DEFAULT_RULE_SETTINGS,
): number {
  return plankCircuit(advanced, settings.plankShortenSeconds, settings.plankMinHoldSeconds).reduce((s, h) => s + h.seconds, 0);
}

/**
 * A logged result is "completed" when the runner held for at least the whole circuit's holds: 150 s
 * or more on the full circuit (the shortened one's own total for less advanced runners).
 */
export function plankResultCompleted(
  loggedSeconds: number,
  advanced: boolean,
  settings: Pick<RuleSettings, 'plankShortenSeconds' | 'plankMinHoldSeconds'> = DEFAULT_RULE_SETTINGS,
): boolean {
  return Number.isFinite(loggedSeconds) && loggedSeconds >= plankCircuitSeconds(advanced, settings);
}

export type AdvancedRunnerSettings = Pick<RuleSettings, 'plankFullCircuitMinWeeklyM' | 'plankFullCircuitWindowWeeks'>;

/**
 * "Advanced" (a distance runner, in the rules' words): averaged at least 15 km of running a week over
 * the 8 weeks up to `today` (the window's whole distance ÷ 8, so a week off counts as 0). A runner
 * with 30–40 km a week in short runs is a distance runner; no single long run is needed. Uses each
 * workout's recorded `localDate`: a zone difference of a few hours does not matter over 8 weeks.
 */
export function isAdvancedRunner(
  history: Workout[],
  today: string,
  settings: AdvancedRunnerSettings = DEFAULT_RULE_SETTINGS,
): boolean {
  const weeks = settings.plankFullCircuitWindowWeeks;
  const from = addDays(today, -7 * weeks + 1);
  const byId = new Map(
    history.filter((w) => isRun(w) && w.localDate >= from && w.localDate <= today).map((w) => [`${w.source}:${w.sourceId}`, w]),
  );
  const totalM = [...byId.values()].reduce((s, w) => s + w.distanceM, 0);
  return weeks > 0 && totalM / weeks >= settings.plankFullCircuitMinWeeklyM;
}
