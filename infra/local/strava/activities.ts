/** How the fake Strava fills in an activity: names, legacy types, local start and laps. */
import { DateTime } from 'luxon';
import { parseStravaTimezone } from '../../../shared/adapters/strava/timezone.js';
import { type FakeActivity, type FakeLap, isoSeconds, round } from './shapes.js';

export const RIDE_SPORTS = new Set(['Ride', 'VirtualRide', 'GravelRide', 'MountainBikeRide', 'EBikeRide', 'EMountainBikeRide']);
export const RUN_SPORTS = new Set(['Run', 'TrailRun', 'VirtualRun']);
/** Deprecated `type` for sport types that were folded into an older one. */
export const LEGACY_TYPE: Record<string, string> = {
  TrailRun: 'Run',
  GravelRide: 'Ride',
  MountainBikeRide: 'Ride',
  EMountainBikeRide: 'EBikeRide',
};

export function dayPart(hour: number): string {
  if (hour >= 5 && hour < 12) return 'Morning';
  if (hour >= 12 && hour < 17) return 'Afternoon';
  if (hour >= 17 && hour < 21) return 'Evening';
  return 'Night';
}

export function makeLaps(a: FakeActivity, metric: boolean): FakeLap[] {
  const lapLength = RUN_SPORTS.has(a.sport_type) ? (metric ? 1000 : 1609.34) : Math.max(a.distance, 1);
  const count = Math.max(1, Math.ceil(a.distance / lapLength - 1e-9));
  const startMs = Date.parse(a.start_date);
  const laps: FakeLap[] = [];
  let done = 0;
  let doneMoving = 0;
  for (let i = 0; i < count; i++) {
    const distance = i === count - 1 ? a.distance - done : lapLength;
    const share = a.distance > 0 ? distance / a.distance : 1;
    const moving = i === count - 1 ? a.moving_time - doneMoving : Math.round(a.moving_time * share);
    const elapsedBefore = Math.round((a.elapsed_time * doneMoving) / Math.max(a.moving_time, 1));
    const lapStart = new Date(startMs + elapsedBefore * 1000);
    const lapStartLocal = DateTime.fromMillis(lapStart.getTime(), { zone: 'utc' }).plus({ seconds: a.utc_offset });
    const speed = moving > 0 ? round(distance / moving, 3) : 0;
    laps.push({
      id: a.id * 100 + i + 1,
      resource_state: 2,
      name: `Lap ${i + 1}`,
      activity: { id: a.id, resource_state: 1 },
      athlete: { id: a.athlete.id, resource_state: 1 },
      elapsed_time: Math.round((a.elapsed_time * moving) / Math.max(a.moving_time, 1)),
      moving_time: moving,
      start_date: isoSeconds(lapStart),
      start_date_local: `${lapStartLocal.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`,
      distance: round(distance, 1),
      start_index: Math.round(doneMoving),
      end_index: Math.round(doneMoving + moving),
      total_elevation_gain: round(a.total_elevation_gain * share, 1),
      average_speed: speed,
      max_speed: round(speed * 1.18, 3),
      lap_index: i + 1,
      split: i + 1,
      pace_zone: RUN_SPORTS.has(a.sport_type) ? 2 : 0,
    });
    done += distance;
    doneMoving += moving;
  }
  return laps;
}

/** Recomputes local start, offset and default laps from start_date and timezone. */
export function localise(a: FakeActivity, explicit: Partial<FakeActivity>): void {
  const zone = parseStravaTimezone(a.timezone) ?? 'UTC';
  const start = DateTime.fromISO(a.start_date, { zone: 'utc' }).setZone(zone);
  if (explicit.utc_offset === undefined) a.utc_offset = start.offset * 60;
  if (explicit.start_date_local === undefined) {
    // Strava writes the local wall clock with a "Z" that does not mean UTC.
    a.start_date_local = `${start.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`;
  }
}
