/** Builders for hand-computed weeks. Runners live in Europe/Berlin unless a test says otherwise. */
import { DateTime } from 'luxon';
import type { Lap, Workout, WorkoutTag } from '../../../shared/domain/types.js';
import { summarizeWeek } from '../../../shared/domain/week/aggregate.js';
import { DEFAULT_RULE_SETTINGS, type CoreSession, type WeekSummary } from '../../../shared/domain/week/types.js';

export const ZONE = 'Europe/Berlin';
export const S = DEFAULT_RULE_SETTINGS;

let seq = 0;

export interface RunOptions {
  tag?: WorkoutTag;
  laps?: Lap[];
  sport?: string;
  id?: string;
  zone?: string;
}

/** A run starting at Berlin wall-clock `local` ("2026-03-03T07:00"), `km` km in `minutes` minutes. */
export function run(local: string, km: number, minutes: number, opts: RunOptions = {}): Workout {
  const zone = opts.zone ?? ZONE;
  const start = DateTime.fromISO(local, { zone });
  return {
    runnerId: 'r1',
    source: 'strava',
    sourceId: opts.id ?? `w${++seq}`,
    name: 'Run',
    sport: opts.sport ?? 'Run',
    tag: opts.tag ?? 'default',
    distanceM: km * 1000,
    movingTimeS: minutes * 60,
    elapsedTimeS: minutes * 60,
    startUtc: start.toUTC().toISO()!,
    startLocal: start.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    localDate: start.toFormat('yyyy-MM-dd'),
    timeZone: zone,
    manual: false,
    laps: opts.laps ?? [],
  };
}

/** A lap of `m` metres at `secPerKm` pace. */
export function lap(m: number, secPerKm: number, i = 0): Lap {
  const movingTimeS = (m / 1000) * secPerKm;
  return { lapIndex: i, distanceM: m, movingTimeS, averageSpeed: m / movingTimeS };
}

export function core(localDate: string, opts: Partial<CoreSession> = {}): CoreSession {
  return { runnerId: 'r1', localDate, source: 'check-in', sourceId: `c${++seq}`, explicit: false, ...opts };
}

/**
 * Four steady weeks before `weekStart`: Tue 8 km/48 min, Thu 8 km/48 min, Sun 16 km/96 min,
 * all at 6:00/km → 32 km a week, median easy pace 360 s/km, fast laps ≤ 306 s/km (−15%).
 */
export function steadyHistory(weekStart: string): Workout[] {
  const monday = DateTime.fromISO(weekStart, { zone: ZONE });
  return [1, 2, 3, 4].flatMap((k) => {
    const m = monday.minus({ weeks: k });
    const at = (days: number) => m.plus({ days }).toFormat("yyyy-MM-dd'T'07:00");
    return [run(at(1), 8, 48), run(at(3), 8, 48), run(at(6), 16, 96)];
  });
}

/** Summaries of the 4 weeks before `weekStart`, most recent first (the trainingLoad order). */
export function previousSummaries(weekStart: string, workouts: Workout[]): WeekSummary[] {
  const monday = DateTime.fromISO(weekStart, { zone: 'UTC' });
  return [1, 2, 3, 4].map((k) =>
    summarizeWeek({
      weekStart: monday.minus({ weeks: k }).toFormat('yyyy-MM-dd'),
      timeZone: ZONE,
      workouts,
      coreSessions: [],
      history: [],
      settings: S,
    }),
  );
}
