/**
 * Aggregates a runner's workouts into one ISO week (Mon–Sun) in the runner's IANA zone.
 *
 * Day assignment: every workout's local date is recomputed from its `startUtc` instant in the
 * RUNNER's zone, not taken from `Workout.localDate`. The tracker records `localDate` in the zone
 * of the device/place of the run, which may differ from the runner's home zone (travel, a watch
 * set to UTC); the weeks, rest days and reminders all live in the runner's zone, so one zone must
 * decide. Working from instants also makes DST harmless: an instant has exactly one local date, so
 * a skipped or repeated wall-clock hour can neither drop nor double a run.
 */
import { isoWeekOf, localDateOf } from '../time.js';
import type { TimeZone, Workout } from '../types.js';
import { isRun } from '../workout.js';
import { addDays, daysBetween, parseDate } from './dates.js';
import { medianEasyPace, speedPartOf } from './speed.js';
import type { CoreSession, DaySummary, RuleSettings, SpeedSession, WeekSummary } from './types.js';
import { InvalidValueError } from '../errors.js';

/** Local calendar date of a workout in the runner's zone (see the file comment). */
export function runnerLocalDate(workout: Pick<Workout, 'startUtc'>, timeZone: TimeZone): string {
  return localDateOf(new Date(workout.startUtc), timeZone);
}

/** The Monday of the ISO week containing `localDate`. */
export function weekStartOf(localDate: string): string {
  return isoWeekOf(localDate).start;
}

/** ISO week label, e.g. "2026-W10" (week-numbering year, so 2027-01-01 is "2026-W53"). */
export function weekLabelOf(localDate: string): string {
  const w = isoWeekOf(localDate);
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** Distinct Mondays of the weeks the workouts fall in (runner's zone), oldest first. */
export function weeksOf(workouts: Pick<Workout, 'startUtc'>[], timeZone: TimeZone): string[] {
  const starts = new Set(workouts.map((w) => weekStartOf(runnerLocalDate(w, timeZone))));
  return [...starts].sort();
}

/** The `count` Mondays before `weekStart`, most recent first (the order trainingLoad expects). */
export function previousWeekStarts(weekStart: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(weekStart, -7 * (i + 1)));
}

export interface SummarizeWeekInput {
  /** Monday "YYYY-MM-DD" of the week. */
  weekStart: string;
  /** The runner's zone: decides which day (and week) each workout belongs to. */
  timeZone: TimeZone;
  /** May be a superset: workouts outside the week and non-runs are ignored. */
  workouts: Workout[];
  /** May be a superset: sessions outside the week are ignored. */
  coreSessions: CoreSession[];
  /** Runs of the previous 4+ weeks; only the 28 days before `weekStart` set the easy pace. */
  history: Workout[];
  /** For a week in progress: the runner's local date today. Rest days count only days up to it. */
  asOf?: string;
  settings: RuleSettings;
}

/** Same activity listed twice (e.g. re-delivered after an update): keep the last version. */
function dedupe(workouts: Workout[]): Workout[] {
  const byId = new Map<string, Workout>();
  for (const w of workouts) byId.set(`${w.source}:${w.sourceId}`, w);
  return [...byId.values()];
}

/**
 * Core sessions counted per day: tracker sessions and the day's check-in (from a link, the page or the
 * API) collapse to one (a check-in often confirms the tracked session); each session the runner
 * logged as "another one today" (explicit) adds to that, so the day counts
 * (1 if any other session) + explicit sessions.
 */
function coreCountsByDay(sessions: CoreSession[], dates: string[]): Map<string, number> {
  const unique = new Map<string, CoreSession>();
  for (const s of sessions) unique.set(`${s.source}:${s.sourceId}`, s);
  const counts = new Map<string, number>();
  for (const date of dates) {
    const day = [...unique.values()].filter((s) => s.localDate === date);
    const explicit = day.filter((s) => s.explicit).length;
    counts.set(date, explicit + (day.some((s) => !s.explicit) ? 1 : 0));
  }
  return counts;
}

function daysElapsedOf(start: string, asOf: string | undefined): number {
  if (asOf === undefined) return 7;
  return Math.min(7, Math.max(0, daysBetween(start, asOf) + 1));
}

export function summarizeWeek(input: SummarizeWeekInput): WeekSummary {
  const { weekStart: start, timeZone, settings } = input;
  if (parseDate(start).weekday !== 1) throw new InvalidValueError(`weekStart must be a Monday: ${start}`);
  const end = addDays(start, 6);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(start, i));

  // Each run once, with its date in the runner's zone, in start order (stable "first" for ties).
  const runs = dedupe(input.workouts)
    .filter(isRun)
    .map((w) => ({ w, date: runnerLocalDate(w, timeZone) }))
    .filter((r) => r.date >= start && r.date <= end)
    .sort((a, b) => Date.parse(a.w.startUtc) - Date.parse(b.w.startUtc));

  const historyFrom = addDays(start, -28);
  const easyPace = medianEasyPace(
    input.history.filter((w) => {
      if (!isRun(w)) return false;
      const d = runnerLocalDate(w, timeZone);
      return d >= historyFrom && d < start;
    }),
  );

  const runDistanceM = runs.reduce((s, r) => s + r.w.distanceM, 0);
  const runMovingTimeS = runs.reduce((s, r) => s + r.w.movingTimeS, 0);

  let longDistanceM = 0;
  let speedDistanceM = 0;
  const speedSessions: SpeedSession[] = [];
  let longestRun: WeekSummary['longestRun'] = null;
  for (const { w, date } of runs) {
    const speed = speedPartOf(w, easyPace, settings.fastLapFaster);
    const fast = speed?.fastDistanceM ?? 0;
    if (speed) speedSessions.push({ sourceId: w.sourceId, date, ...speed });
    speedDistanceM += fast;
    // Long: tagged, or a big share of the week (so far) and long enough in time. Its fast laps are
    // already speed work, so only the rest counts as long distance.
    const long =
      w.tag === 'long-run' ||
      (w.distanceM >= settings.longRunShare * runDistanceM && w.movingTimeS >= settings.longRunMinMinutes * 60);
    if (long) longDistanceM += Math.max(0, w.distanceM - fast);
    if (w.distanceM > 0 && (longestRun === null || w.distanceM > longestRun.distanceM)) {
      longestRun = { sourceId: w.sourceId, distanceM: w.distanceM, share: w.distanceM / runDistanceM };
    }
  }

  const core = coreCountsByDay(input.coreSessions, dates);
  const daily: DaySummary[] = dates.map((date) => {
    const day = runs.filter((r) => r.date === date);
    return {
      date,
      runs: day.length,
      runDistanceM: day.reduce((s, r) => s + r.w.distanceM, 0),
      coreSessions: core.get(date) ?? 0,
    };
  });
  const daysElapsed = daysElapsedOf(start, input.asOf);

  return {
    week: weekLabelOf(start),
    start,
    end,
    timeZone,
    runs: runs.length,
    runDistanceM,
    runMovingTimeS,
    longestRun,
    longDistanceM,
    speedDistanceM,
    // Per run, long and speed parts never exceed the run, so this is ≥ 0 up to rounding; clamp anyway.
    easyDistanceM: Math.max(0, runDistanceM - longDistanceM - speedDistanceM),
    speedSessions,
    restDays: daily.slice(0, daysElapsed).filter((d) => d.runs === 0).length,
    daysElapsed,
    coreSessions: daily.reduce((s, d) => s + d.coreSessions, 0),
    daily,
  };
}
