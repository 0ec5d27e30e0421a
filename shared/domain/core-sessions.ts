import type { Workout } from './types.js';
import { localDateOf } from './time.js';
import type { CoreSession } from './week/types.js';

/** Tracker sports that count as core strength work (training-rules.md). Yoga counts only by choice. */
export const STRENGTH_SPORTS: readonly string[] = [
  'WeightTraining',
  'Workout',
  'Crossfit',
  'Pilates',
  'HighIntensityIntervalTraining',
];

export function isCoreWorkout(workout: Pick<Workout, 'sport'>, yogaCounts = false): boolean {
  return STRENGTH_SPORTS.includes(workout.sport) || (yogaCounts && workout.sport === 'Yoga');
}

/** Strength-type tracker activities as core sessions, dated in the runner's zone. */
export function coreSessionsFromWorkouts(workouts: Workout[], timeZone: string, yogaCounts = false): CoreSession[] {
  return workouts
    .filter((w) => isCoreWorkout(w, yogaCounts))
    .map((w) => ({
      runnerId: w.runnerId,
      localDate: localDateOf(new Date(w.startUtc), timeZone),
      source: 'tracker' as const,
      sourceId: w.sourceId,
      explicit: false,
    }));
}
