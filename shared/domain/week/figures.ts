/**
 * Our own weekly figures (issue 8): what runnudge keeps per runner and ISO week (runner's zone) once the
 * tracker's raw activity has expired. A week holds one small contribution per activity, keyed by
 * activity id: only the numbers the week model reads (date, run/core, tag, distance, moving time,
 * lap distances and times for fast-lap recognition). No name, map, heart rate or device.
 *
 * Folding is last-writer-wins per activity on a version (the event's time, ms), so applying create,
 * update and delete events in any order and any number of times gives the figures of the final set
 * of activities. The activity's current version and week are kept in an index (the store's pointer
 * item): a delete leaves a tombstone there, so an older create delivered later cannot bring the
 * activity back, and an update that moves an activity to another week removes it from the old one.
 *
 * The summary is not stored precomputed: long-run and fast-lap distance depend on the whole week and
 * on the four weeks before it (easy pace), so they are derived at read time by the existing week
 * model (summarizeWeek) from the contributions. That keeps one source of the math.
 */
import { isCoreWorkout } from '../core-sessions.js';
import type { TimeZone, Workout } from '../types.js';
import { isRun } from '../workout.js';
import { runnerLocalDate, summarizeWeek, weekStartOf } from './aggregate.js';
import type { ActivityEvent, ActivityVersion, Contribution, WeekFigures } from './figure-types.js';
import type { CoreSession, RuleSettings, WeekSummary } from './types.js';

export type { ActivityEvent, ActivityVersion, Contribution, WeekFigures } from './figure-types.js';

/** The per-runner fold state: week items plus the per-activity index. */
export interface FoldState {
  weeks: Record<string, WeekFigures>;
  index: Record<string, ActivityVersion>;
}

/** The contribution of a workout, or null when the rules do not read it (a ride, a swim). */
export function contributionOf(workout: Workout, v: number): Contribution | null {
  const kind = isRun(workout) ? 'run' : isCoreWorkout(workout) ? 'core' : null;
  if (kind === null) return null;
  return {
    v,
    kind,
    startUtc: workout.startUtc,
    tag: workout.tag,
    distanceM: workout.distanceM,
    movingTimeS: workout.movingTimeS,
    laps: kind === 'run' ? workout.laps.map((l) => [l.distanceM, l.movingTimeS, l.averageSpeed]) : [],
  };
}

/** Where an event puts its activity: week and contribution, or nothing (a delete, a ride). */
export interface EventTarget {
  v: number;
  weekStart: string | null;
  contribution: Contribution | null;
}

export function targetOf(event: ActivityEvent, timeZone: TimeZone): EventTarget {
  if (event.kind === 'delete') return { v: event.v, weekStart: null, contribution: null };
  const contribution = contributionOf(event.workout, event.v);
  if (contribution === null) return { v: event.v, weekStart: null, contribution: null };
  return { v: event.v, weekStart: weekStartOf(runnerLocalDate(event.workout, timeZone)), contribution };
}

/**
 * True when `next` replaces `current`. A later version wins; at the same version a delete wins (a
 * delete and a create sharing a timestamp: the activity is gone), so the order never matters.
 */
export function supersedes(next: { v: number; weekStart: string | null }, current: ActivityVersion | undefined): boolean {
  if (current === undefined) return true;
  if (next.v !== current.v) return next.v > current.v;
  return next.weekStart === null && current.weekStart !== null;
}

/**
 * Applies one event to the fold state (returns a new state; the input is not changed). The same
 * steps, in the same order, are what the store does with conditional writes.
 */
export function foldEvent(state: FoldState, event: ActivityEvent, timeZone: TimeZone): FoldState {
  const target = targetOf(event, timeZone);
  const current = state.index[event.activityId];
  if (!supersedes(target, current)) return state;
  const weeks = { ...state.weeks };
  if (current?.weekStart) {
    const old = weeks[current.weekStart];
    if (old) {
      const { [event.activityId]: _removed, ...rest } = old.contributions;
      weeks[current.weekStart] = { ...old, contributions: rest };
    }
  }
  if (target.weekStart !== null && target.contribution !== null) {
    const week = weeks[target.weekStart] ?? { weekStart: target.weekStart, timeZone, contributions: {} };
    weeks[target.weekStart] = {
      ...week,
      contributions: { ...week.contributions, [event.activityId]: target.contribution },
    };
  }
  return {
    weeks,
    index: { ...state.index, [event.activityId]: { v: target.v, weekStart: target.weekStart } },
  };
}

export const EMPTY_FOLD: FoldState = { weeks: {}, index: {} };

/** Contributions back to the week model's workouts (runs and core sessions only). */
export function workoutsOf(figures: WeekFigures[], runnerId: string): Workout[] {
  // Start time, then id: a stable order, so ties (e.g. the "first" longest run) never depend on
  // the order events arrived in.
  const entries = figures
    .flatMap((f) => Object.entries(f.contributions).map(([sourceId, c]) => ({ f, sourceId, c })))
    .sort((a, b) => a.c.startUtc.localeCompare(b.c.startUtc) || a.sourceId.localeCompare(b.sourceId));
  return entries.map(({ f, sourceId, c }) => ({
    runnerId,
    source: 'strava' as const,
    sourceId,
    name: '',
    // Any run sport and any strength sport: the week model only asks "run?" and "core?".
    sport: c.kind === 'run' ? 'Run' : 'WeightTraining',
    tag: c.tag,
    distanceM: c.distanceM,
    movingTimeS: c.movingTimeS,
    elapsedTimeS: c.movingTimeS,
    startUtc: c.startUtc,
    startLocal: c.startUtc.slice(0, 19),
    localDate: runnerLocalDate(c, f.timeZone),
    timeZone: f.timeZone,
    manual: false,
    laps: c.laps.map(([distanceM, movingTimeS, averageSpeed], lapIndex) => ({
      lapIndex,
      distanceM,
      movingTimeS,
      averageSpeed,
    })),
  }));
}

/** Core sessions from the week items' strength activities, dated in the runner's zone. */
export function coreSessionsOf(figures: WeekFigures[], runnerId: string, timeZone: TimeZone): CoreSession[] {
  return figures.flatMap((f) =>
    Object.entries(f.contributions)
      .filter(([, c]) => c.kind === 'core')
      .map(([sourceId, c]) => ({
        runnerId,
        localDate: runnerLocalDate(c, timeZone),
        source: 'tracker' as const,
        sourceId,
        explicit: false,
      })),
  );
}

export interface SummarizeFiguresInput {
  runnerId: string;
  weekStart: string;
  timeZone: TimeZone;
  /** The week's figures and those of (at least) the 4 weeks before it, for the easy pace. */
  figures: WeekFigures[];
  /** The runner's check-ins (a superset is fine). */
  checkIns: CoreSession[];
  asOf?: string;
  settings: RuleSettings;
}

/** The week model's summary of a week, computed from stored figures (no raw activity needed). */
export function summarizeFigures(input: SummarizeFiguresInput): WeekSummary {
  const workouts = workoutsOf(input.figures, input.runnerId);
  return summarizeWeek({
    weekStart: input.weekStart,
    timeZone: input.timeZone,
    workouts,
    history: workouts,
    coreSessions: [...input.checkIns, ...coreSessionsOf(input.figures, input.runnerId, input.timeZone)],
    settings: input.settings,
    ...(input.asOf ? { asOf: input.asOf } : {}),
  });
}
