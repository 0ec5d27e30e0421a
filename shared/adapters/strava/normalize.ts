/**
 * Strava DetailedActivity (or SummaryActivity) → the project's Workout. Pure: no clock, no I/O.
 */
import { DateTime, FixedOffsetZone, type Zone } from 'luxon';
import type { Workout, WorkoutTag } from '../../domain/types.js';
import type { StravaActivity, StravaSummaryActivity } from './schemas.js';
import { parseStravaTimezone } from './timezone.js';
import { ProviderResponseError } from '../errors.js';

/**
 * `workout_type` values used by the community (strava.md §3): runs 0/null default, 1 race,
 * 2 long run, 3 workout; rides 10 default, 11 race, 12 workout. The run and ride codes do not
 * overlap, so the sport is not needed; unknown codes are "default".
 */
export function workoutTag(workoutType: number | null | undefined): WorkoutTag {
  switch (workoutType) {
    case 1:
    case 11:
      return 'race';
    case 2:
      return 'long-run';
    case 3:
    case 12:
      return 'workout';
    default:
      return 'default';
  }
}

const MAX_OFFSET_S = 14 * 3600;

/**
 * The zone an activity happened in.
 * 1. The IANA name from `timezone` (DST-correct for any date).
 * 2. Otherwise a fixed offset: `utc_offset`, or the gap between `start_date_local` (wall clock with a
 *    fake "Z") and `start_date`. A whole-hour offset becomes "Etc/GMT±h" — a real IANA name, so code
 *    downstream that re-does zone math with `timeZone` gets the same local times. A fractional offset
 *    (e.g. +05:30) has no IANA equivalent: `timeZone` is then "UTC" while startLocal/localDate are
 *    still shifted by the offset, because the local date is what weekly counts depend on.
 * 3. Otherwise UTC.
 */
export function resolveActivityZone(activity: StravaActivity, startUtc: DateTime): { timeZone: string; zone: Zone | string } {
  const iana = parseStravaTimezone(activity.timezone);
  if (iana) return { timeZone: iana, zone: iana };

  const offsetS = activity.utc_offset ?? offsetFromLocal(activity.start_date_local, startUtc);
  if (offsetS === null || !Number.isFinite(offsetS) || Math.abs(offsetS) > MAX_OFFSET_S) {
    return { timeZone: 'UTC', zone: 'UTC' };
  }
  const minutes = Math.round(offsetS / 60);
  if (minutes === 0) return { timeZone: 'UTC', zone: 'UTC' };
  if (minutes % 60 === 0 && minutes >= -12 * 60) {
    // POSIX sign convention: Etc/GMT-2 is two hours *ahead* of UTC.
    const hours = minutes / 60;
    const name = `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
    return { timeZone: name, zone: name };
  }
  return { timeZone: 'UTC', zone: FixedOffsetZone.instance(minutes) };
}

/** Seconds between the local wall clock and the UTC instant; null when start_date_local is unusable. */
function offsetFromLocal(startDateLocal: string, startUtc: DateTime): number | null {
  const wall = DateTime.fromISO(startDateLocal.replace(/(Z|[+-]\d{2}:?\d{2})$/, ''), { zone: 'utc' });
  if (!wall.isValid) return null;
  return Math.round((wall.toMillis() - startUtc.toMillis()) / 1000);
}

export function toWorkout(runnerId: string, activity: StravaActivity): Workout {
  const start = DateTime.fromISO(activity.start_date, { zone: 'utc' });
  if (!start.isValid) throw new ProviderResponseError(`activity ${activity.id}: invalid start_date`);
  const { timeZone, zone } = resolveActivityZone(activity, start);
  const local = start.setZone(zone);

  return {
    runnerId,
    source: 'strava',
    sourceId: String(activity.id),
    name: activity.name,
    // The schema guarantees one of the two; `type` is the pre-2022 field.
    sport: activity.sport_type ?? activity.type ?? 'Workout',
    tag: workoutTag(activity.workout_type),
    distanceM: activity.distance,
    movingTimeS: activity.moving_time,
    elapsedTimeS: activity.elapsed_time,
    startUtc: start.toJSDate().toISOString(),
    startLocal: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    localDate: local.toFormat('yyyy-MM-dd'),
    timeZone,
    manual: activity.manual,
    laps: (activity.laps ?? []).map((lap) => ({
      lapIndex: lap.lap_index,
      distanceM: lap.distance,
      movingTimeS: lap.moving_time,
      averageSpeed: lap.average_speed,
    })),
  };
}

/**
 * A SummaryActivity from the athlete activities list → Workout. Same fields and zone rules as the
 * detailed activity, but laps are always empty: the list carries none, and fetching them would cost a
 * request per activity.
 */
export function summaryToWorkout(runnerId: string, activity: StravaSummaryActivity): Workout {
  return toWorkout(runnerId, { ...activity, laps: [] });
}
