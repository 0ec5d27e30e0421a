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

/** One stretch of an interval session: its distance and pace. */
export interface LapPlan {
  distanceM: number;
  paceSPerKm: number;
}

/** A speed session's plan: 1 km warm-up, 5 × (400 m fast, 400 m jog), 1 km cool-down: 6 km, 2 km of it fast. */
export const INTERVAL_SESSION: LapPlan[] = [
  { distanceM: 1000, paceSPerKm: 360 },
  ...Array.from({ length: 5 }, () => [
    { distanceM: 400, paceSPerKm: 240 },
    { distanceM: 400, paceSPerKm: 390 },
  ]).flat(),
  { distanceM: 1000, paceSPerKm: 360 },
];

/** Laps of a planned session (watch laps pressed at each change of pace), in Strava's shape. */
export function plannedLaps(a: FakeActivity, plan: LapPlan[]): FakeLap[] {
  const startMs = Date.parse(a.start_date);
  let doneMoving = 0;
  return plan.map((p, i) => {
    const moving = Math.round((p.distanceM / 1000) * p.paceSPerKm);
    const lapStart = new Date(startMs + doneMoving * 1000);
    const lapStartLocal = DateTime.fromMillis(lapStart.getTime(), { zone: 'utc' }).plus({ seconds: a.utc_offset });
    const speed = round(p.distanceM / moving, 3);
    const lap: FakeLap = {
      id: a.id * 100 + i + 1,
      resource_state: 2,
      name: `Lap ${i + 1}`,
      activity: { id: a.id, resource_state: 1 },
      athlete: { id: a.athlete.id, resource_state: 1 },
      elapsed_time: moving,
      moving_time: moving,
      start_date: isoSeconds(lapStart),
      start_date_local: `${lapStartLocal.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`,
      distance: p.distanceM,
      start_index: doneMoving,
      end_index: doneMoving + moving,
      total_elevation_gain: round(p.distanceM / 200, 1),
      average_speed: speed,
      max_speed: round(speed * 1.1, 3),
      lap_index: i + 1,
      split: i + 1,
      pace_zone: p.paceSPerKm < 300 ? 4 : 2,
    };
    doneMoving += moving;
    return lap;
  });
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
