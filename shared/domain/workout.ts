/** Workout classification shared by the rules. */
import { RUN_SPORTS } from './defaults.js';
import type { Workout } from './types.js';

/** True for the tracker sports that count as a run (Run, TrailRun, VirtualRun); rides, swims, etc. do not. */
export function isRun(workout: Pick<Workout, 'sport'>): boolean {
  return RUN_SPORTS.includes(workout.sport);
}
