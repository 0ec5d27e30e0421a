/**
 * Speed-work recognition (training-rules.md, Definitions → Speed work).
 *
 * Paces are seconds per metre (moving time / distance); "15% faster" means a pace at most
 * (1 − 0.15) × the reference pace, i.e. 15% less time per kilometre, the way runners say it.
 */
import type { Lap, Workout } from '../types.js';

/** Seconds per metre, or null when the figures cannot give a pace (0 distance, 0 time). */
export function paceOf(distanceM: number, movingTimeS: number): number | null {
  return distanceM > 0 && movingTimeS > 0 ? movingTimeS / distanceM : null;
}

function lapPace(lap: Lap): number | null {
  // Strava's lap average_speed is distance / moving time; fall back to it when the time is missing.
  return paceOf(lap.distanceM, lap.movingTimeS) ?? (lap.averageSpeed > 0 ? 1 / lap.averageSpeed : null);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const isTaggedSpeed = (w: Pick<Workout, 'tag'>): boolean => w.tag === 'workout' || w.tag === 'race';

/**
 * The runner's easy pace: the median of whole-run paces in `runs` (the caller passes the trailing
 * 4 weeks). One run, one vote: not weighted by distance or time, so a single long run does not pull
 * the reference. Runs tagged workout/race are left out because the rule compares with the *easy*
 * pace; their fast laps would otherwise make ordinary laps look slow. Null when no run qualifies.
 */
export function medianEasyPace(runs: Workout[]): number | null {
  const paces = runs
    .filter((w) => !isTaggedSpeed(w))
    .map((w) => paceOf(w.distanceM, w.movingTimeS))
    .filter((p): p is number => p !== null);
  return median(paces);
}

export interface SpeedPart {
  fastDistanceM: number;
  basis: 'fast-laps' | 'tagged-whole-run';
}

/**
 * How much of one run is speed work, or null when none of it is.
 *
 * - Laps present: the laps whose pace is ≥ `fastLapFaster` faster than the reference count.
 *   The reference is the trailing median easy pace; for a run tagged workout/race when there is no
 *   history yet, it is the run's own median lap pace (intervals stand out from warm-up and
 *   recoveries). An untagged run without history is never speed work: there is nothing to compare.
 * - A tagged run where no lap stands out (an even-paced race, no laps at all) counts whole: the tag
 *   says it was speed work and the laps cannot narrow it down.
 * The result is capped at the run's distance (lap distances from GPS may sum to slightly more).
 */
export function speedPartOf(run: Workout, easyPace: number | null, fastLapFaster: number): SpeedPart | null {
  const tagged = isTaggedSpeed(run);
  const laps = run.laps
    .map((lap) => ({ lap, pace: lapPace(lap) }))
    .filter((x): x is { lap: Lap; pace: number } => x.pace !== null);

  const reference = easyPace ?? (tagged ? median(laps.map((x) => x.pace)) : null);
  if (reference !== null && laps.length > 0) {
    const limit = reference * (1 - fastLapFaster);
    const fast = laps.filter((x) => x.pace <= limit).reduce((sum, x) => sum + x.lap.distanceM, 0);
    if (fast > 0) return { fastDistanceM: Math.min(fast, Math.max(run.distanceM, 0)), basis: 'fast-laps' };
  }
  if (tagged && run.distanceM > 0) return { fastDistanceM: run.distanceM, basis: 'tagged-whole-run' };
  return null;
}
