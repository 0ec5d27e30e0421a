/**
 * Hand-computed weeks shared by the week and rules tests. All in 2026-W10 (Mon 2026-03-02 ..
 * Sun 2026-03-08, Europe/Berlin, CET) after four steady 32 km weeks at 6:00/km (helpers.ts):
 * trailing average 32 km, median easy pace 360 s/km, fast laps at ≤ 306 s/km.
 */
import { summarizeWeek } from '../../../shared/domain/week/aggregate.js';
import { trainingLoad } from '../../../shared/domain/week/load.js';
import type { CoreSession, TrainingLoad, WeekSummary } from '../../../shared/domain/week/types.js';
import type { Workout } from '../../../shared/domain/types.js';
import { S, ZONE, core, lap, previousSummaries, run, steadyHistory } from './helpers.js';

export const W10 = '2026-03-02';
export const history = steadyHistory(W10);
export const previous = previousSummaries(W10, history);

export function week10(workouts: Workout[], coreSessions: CoreSession[], asOf?: string): WeekSummary {
  return summarizeWeek({ weekStart: W10, timeZone: ZONE, workouts, coreSessions, history, asOf, settings: S });
}

export function withLoad(week: WeekSummary): { week: WeekSummary; load: TrainingLoad } {
  return { week, load: trainingLoad(week, previous) };
}

/**
 * Balanced week (nothing fires). Wed intervals, tagged workout, laps:
 *   2000 m @ 6:00 (720 s) | 3 × 500 m @ 4:40 (140 s each, fast: 280 ≤ 306) | 2 × 400 m @ 7:30 (180 s)
 *   | 3700 m @ 6:00 (1332 s)  → 8000 m, 720 + 420 + 360 + 1332 = 2832 s; fast part 1500 m.
 * Week: Tue 8 + Wed 8 + Fri 6 + Sun 12 (long: 12/34 = 35%, 72 min) = 34 km.
 *   speed 1.5 km = 4.4% of 34; change vs 32 = +6.25%; core Mon/Thu/Sat = 3; rest Mon/Thu/Sat = 3.
 */
export const intervals = {
  ...run('2026-03-04T18:00', 8, 0, {
    tag: 'workout',
    laps: [lap(2000, 360), lap(500, 280), lap(400, 450), lap(500, 280), lap(400, 450), lap(500, 280), lap(3700, 360)],
  }),
  movingTimeS: 2832,
};
export const balancedRuns = [
  run('2026-03-03T07:00', 8, 48),
  intervals,
  run('2026-03-06T07:00', 6, 36),
  run('2026-03-08T09:00', 12, 72),
];
export const balancedCore = [core('2026-03-02'), core('2026-03-05'), core('2026-03-07')];
export const balanced = () => withLoad(week10(balancedRuns, balancedCore));

/**
 * Ramp week with a core shortfall: Mon 10, Tue 10, Thu 10 (60 min each; 10/44 = 23% → not long),
 * Sun 14 km / 84 min (32%, long). 44 km vs 32: +37.5% (> 30% → warning), ACWR 1.375. Core: 1.
 */
export const ramp = () =>
  withLoad(
    week10(
      [
        run('2026-03-02T07:00', 10, 60),
        run('2026-03-03T07:00', 10, 60),
        run('2026-03-05T07:00', 10, 60),
        run('2026-03-08T08:00', 14, 84),
      ],
      [core('2026-03-04')],
    ),
  );

/**
 * Speed creep. Tue intervals (tagged): 2000 m @ 6:00 | 6 × 500 m @ 4:40 (fast, 3000 m) |
 * 5 × 200 m @ 7:30 | 3000 m @ 6:00 → 9000 m, 720 + 840 + 450 + 1080 = 3090 s.
 * Thu 8 km easy; Sat parkrun 5 km tagged race, no laps (whole run = speed); Sun 10 km / 60 min
 * (10/32 = 31%, 60 min → long). Week 32 km; speed 3 + 5 = 8 km = 25% of max(32, 32) → warning.
 * Short-session limit 10% × 32 km = 3.2 km: Tue 3.0 passes, Sat 5.0 is flagged.
 */
const recoveries = [1, 2, 3, 4, 5].map(() => lap(200, 450));
export const creepIntervals = {
  ...run('2026-03-03T18:00', 9, 0, {
    tag: 'workout',
    laps: [lap(2000, 360), ...[1, 2, 3, 4, 5, 6].map(() => lap(500, 280)), ...recoveries, lap(3000, 360)],
  }),
  movingTimeS: 3090,
};
export const parkrun = run('2026-03-07T09:00', 5, 22.5, { tag: 'race' });
export const creepRuns = [creepIntervals, run('2026-03-05T07:00', 8, 48), parkrun, run('2026-03-08T08:00', 10, 60)];
export const creepCore = balancedCore;
