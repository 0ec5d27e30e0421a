/**
 * The stored shapes of our weekly figures (logic in ./figures.ts). Types only, so the ports can name
 * them without depending on the week model's code.
 */
import type { TimeZone, Workout, WorkoutTag } from '../types.js';

/** One activity's share of a week: the inputs of the week model, nothing else. */
export interface Contribution {
  /** The activity's version: event time in ms (later wins). */
  v: number;
  kind: 'run' | 'core';
  /** ISO instant: orders the week's runs and dates them in the runner's zone. */
  startUtc: string;
  tag: WorkoutTag;
  distanceM: number;
  movingTimeS: number;
  /** Laps as [distanceM, movingTimeS, averageSpeed m/s]: enough to recognise fast laps later. */
  laps: [number, number, number][];
}

/** A runner's figures for one ISO week (Monday `weekStart`, in `timeZone`). */
export interface WeekFigures {
  weekStart: string;
  timeZone: TimeZone;
  /** Activity id → its contribution. */
  contributions: Record<string, Contribution>;
}

/** Where an activity's latest known version lives; `weekStart` null for a deleted (or ignored) one. */
export interface ActivityVersion {
  v: number;
  weekStart: string | null;
}

export type ActivityEvent =
  | { activityId: string; v: number; kind: 'put'; workout: Workout }
  | { activityId: string; v: number; kind: 'delete' };
