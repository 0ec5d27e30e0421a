import { describe, expect, it } from 'vitest';
import { summarizeWeek } from '../../../shared/domain/week/aggregate.js';
import { monotonyOf, trainingLoad } from '../../../shared/domain/week/load.js';
import type { TrainingLoad, WeekSummary } from '../../../shared/domain/week/types.js';
import { S, ZONE, run } from './helpers.js';
import { W10, balanced, previous, ramp } from './weeks.js';

const empty = (weekStart: string): WeekSummary =>
  summarizeWeek({ weekStart, timeZone: ZONE, workouts: [], coreSessions: [], history: [], settings: S });

const allFinite = (load: TrainingLoad) =>
  Object.values(load).every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)));

describe('trainingLoad', () => {
  it('the previous four steady weeks are 32 km each', () => {
    expect(previous.map((w) => w.runDistanceM)).toEqual([32_000, 32_000, 32_000, 32_000]);
  });

  it('balanced week: +6.25% vs trailing average, monotony and strain from the daily series', () => {
    const { load } = balanced();
    // daily [0, 8, 8, 0, 6, 0, 12] km: mean 34/7; E[x²] = (64+64+36+144)/7 = 44 km²;
    // variance = 44 − (34/7)² = (2156 − 1156)/49 = 1000/49 km²; sd = √1000/7 km;
    // monotony = (34/7)/(√1000/7) = 34/√1000 = 1.07517; strain = 34 km × 1.07517 = 36.556.
    expect(load.trailing4WeekAvgM).toBe(32_000);
    expect(load.weekOverWeekChange).toBeCloseTo(0.0625, 10); // (34 − 32)/32
    expect(load.changeVsTrailingAvg).toBeCloseTo(0.0625, 10);
    expect(load.acwr).toBeCloseTo(1.0625, 10);
    expect(load.monotony).toBeCloseTo(34 / Math.sqrt(1000), 10);
    expect(load.strain).toBeCloseTo((34 * 34) / Math.sqrt(1000), 10);
  });

  it('ramp week: 44 km vs 32 km → +37.5%, ACWR 1.375', () => {
    const { load } = ramp();
    expect(load.changeVsTrailingAvg).toBeCloseTo(0.375, 10);
    expect(load.acwr).toBeCloseTo(1.375, 10);
  });

  it('no history (previous weeks empty or missing) → nulls, but monotony still from this week', () => {
    const current = balanced().week;
    for (const prev of [[], [empty('2026-02-23'), empty('2026-02-16'), empty('2026-02-09'), empty('2026-02-02')]]) {
      const load = trainingLoad(current, prev);
      expect(load).toMatchObject({
        trailing4WeekAvgM: null,
        weekOverWeekChange: null,
        changeVsTrailingAvg: null,
        acwr: null,
      });
      expect(load.monotony).not.toBeNull();
    }
  });

  it('an empty previous week: week-over-week is null (no division by zero); the average uses the weeks with data', () => {
    const prev = [empty('2026-02-23'), ...previous.slice(1)]; // 0, 32, 32, 32 km
    const load = trainingLoad(balanced().week, prev);
    expect(load.weekOverWeekChange).toBeNull();
    expect(load.trailing4WeekAvgM).toBe(32_000); // (32 + 32 + 32)/3: the empty week is not history
    expect(load.acwr).toBeCloseTo(34 / 32, 10);
    expect(allFinite(load)).toBe(true);
  });

  it('an empty current week: change −100%, monotony and strain null (sd 0), nothing NaN', () => {
    const load = trainingLoad(empty(W10), previous);
    expect(load.changeVsTrailingAvg).toBe(-1);
    expect(load.monotony).toBeNull();
    expect(load.strain).toBeNull();
    expect(allFinite(load)).toBe(true);
  });

  it('reads only the 4 most recent previous weeks', () => {
    const big = summarizeWeek({
      weekStart: '2026-01-26',
      timeZone: ZONE,
      workouts: [run('2026-01-27T07:00', 100, 600)],
      coreSessions: [],
      history: [],
      settings: S,
    });
    expect(trainingLoad(balanced().week, [...previous, big]).trailing4WeekAvgM).toBe(32_000);
  });
});

describe('monotonyOf', () => {
  it('the same distance every day has sd 0 → null, not Infinity', () => {
    expect(monotonyOf([5000, 5000, 5000, 5000, 5000, 5000, 5000])).toBeNull();
    expect(monotonyOf([0, 0, 0, 0, 0, 0, 0])).toBeNull();
    expect(monotonyOf([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBeNull();
  });

  it('one run a week: mean 10/7, sd = √6·10/7 → monotony 1/√6', () => {
    // [10, 0 × 6]: E[x²] = 100/7, mean² = 100/49 → variance = 600/49, sd = 10√6/7.
    expect(monotonyOf([10, 0, 0, 0, 0, 0, 0])).toBeCloseTo(1 / Math.sqrt(6), 12);
  });
});
