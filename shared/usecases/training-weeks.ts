import { coreSessionsFromWorkouts } from '../domain/core-sessions.js';
import { addDays } from '../domain/week/dates.js';
import { previousWeekStarts, runnerLocalDate, summarizeWeek, weekStartOf } from '../domain/week/aggregate.js';
import { trainingLoad } from '../domain/week/load.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings, type TrainingLoad, type WeekSummary } from '../domain/week/types.js';
import type { Runner, Workout } from '../domain/types.js';
import { isRun } from '../domain/workout.js';
import type { WorkoutStore } from '../ports/index.js';
import type { CheckInStore } from '../ports/index.js';

export interface TrainingWeeks {
  /** The week containing `today`, so far. */
  current: WeekSummary;
  /** The 4 weeks before it (`trailingWeeks`), most recent first. */
  previous: WeekSummary[];
  load: TrainingLoad;
  /** Local date of the runner's first known run (null: none), which decides which weeks count as history. */
  firstRunDate: string | null;
  /** Every workout read (the current week and 8 weeks before it). */
  workouts: Workout[];
}

export interface TrainingWeeksDeps {
  workouts: Pick<WorkoutStore, 'listWorkouts'>;
  checkIns: Pick<CheckInStore, 'listCoreSessions'>;
}

/** Weeks of history read: 4 to compare with, and 4 more behind those for each one's easy pace. */
const HISTORY_WEEKS = 8;
/** How far back a first run is looked for when the 8 weeks read do not reach it (history import: 6 months). */
const FIRST_RUN_LOOKBACK_DAYS = 400;

/**
 * The runner's first known run, as far as it matters to the trailing average: a run before the first
 * compared week settles it (every compared week counts), so an older one is looked for, in a second
 * read, only when the weeks read start with a gap (a new runner, or one back from a long break).
 */
async function firstRunDateOf(
  runner: Runner,
  workouts: Workout[],
  readFrom: string,
  firstComparedWeek: string,
  deps: TrainingWeeksDeps,
): Promise<string | null> {
  const zone = runner.settings.timeZone;
  const dated = (ws: Workout[]) =>
    ws
      .filter(isRun)
      .map((w) => runnerLocalDate(w, zone))
      .sort();
  const first = dated(workouts)[0] ?? null;
  if (first !== null && first < firstComparedWeek) return first;
  const older = dated(
    await deps.workouts.listWorkouts(runner.runnerId, addDays(readFrom, -FIRST_RUN_LOOKBACK_DAYS), addDays(readFrom, -1)),
  );
  return older[0] ?? first;
}

/**
 * Reads what the rules need for the runner's current ISO week (in their zone): one range query for
 * workouts and one for check-ins, then pure aggregation. Dates are widened by a day on each side
 * because stored workouts are dated in the recording zone, weeks in the runner's zone.
 */
export async function loadTrainingWeeks(
  runner: Runner,
  today: string,
  deps: TrainingWeeksDeps,
  settings: RuleSettings = DEFAULT_RULE_SETTINGS,
): Promise<TrainingWeeks> {
  const zone = runner.settings.timeZone;
  const weekStart = weekStartOf(today);
  const from = addDays(weekStart, -7 * HISTORY_WEEKS - 1);
  const [workouts, checkIns] = await Promise.all([
    deps.workouts.listWorkouts(runner.runnerId, from, addDays(today, 1)),
    deps.checkIns.listCoreSessions(runner.runnerId, addDays(weekStart, -7 * 4 - 1), addDays(today, 1)),
  ]);
  const coreSessions = [...checkIns, ...coreSessionsFromWorkouts(workouts, zone)];
  const summarize = (start: string, asOf?: string) =>
    summarizeWeek({
      weekStart: start,
      timeZone: zone,
      workouts,
      coreSessions,
      history: workouts,
      settings,
      ...(asOf ? { asOf } : {}),
    });
  const current = summarize(weekStart, today);
  const previous = previousWeekStarts(weekStart, settings.trailingWeeks).map((start) => summarize(start));
  const firstRunDate = await firstRunDateOf(runner, workouts, from, previous.at(-1)?.start ?? weekStart, deps);
  return { current, previous, load: trainingLoad(current, previous, { firstRunDate, settings }), firstRunDate, workouts };
}
