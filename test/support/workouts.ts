import type { Workout } from '../../shared/domain/types.js';

/**
 * A stored Strava run as the sync would keep it: 8 km at 5:30/km by default, its local day taken
 * from the UTC start (tests pick starts where that is true in their zone), no laps.
 */
export function testRun(runnerId: string, startUtc: string, overrides: Partial<Workout> = {}): Workout {
  const distanceM = overrides.distanceM ?? 8000;
  return {
    runnerId,
    source: 'strava',
    sourceId: `${runnerId}-${startUtc}`,
    name: 'Run',
    sport: 'Run',
    tag: 'default',
    distanceM,
    movingTimeS: distanceM * 0.33,
    elapsedTimeS: distanceM * 0.33 + 60,
    startUtc,
    startLocal: startUtc.slice(0, 19),
    localDate: startUtc.slice(0, 10),
    timeZone: 'UTC',
    manual: false,
    laps: [],
    ...overrides,
  };
}
