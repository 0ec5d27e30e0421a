import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
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
    expect(load.acwr).toBeCloseTo(34 / ((3 * 32 + 34) / 4), 10); // coupled: 34 / mean(32, 32, 32, 34) = 1.046
    expect(load.monotony).toBeCloseTo(34 / Math.sqrt(1000), 10);
    expect(load.strain).toBeCloseTo((34 * 34) / Math.sqrt(1000), 10);
  });

  it('ramp week: 44 km vs 32 km → +37.5%, coupled ACWR 44 / mean(32, 32, 32, 44) = 1.257', () => {
    const { load } = ramp();
    expect(load.changeVsTrailingAvg).toBeCloseTo(0.375, 10);
    expect(load.acwr).toBeCloseTo(44 / 35, 10);
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

  it('an empty previous week after the first run counts as 0 km; week-over-week is null (no division by zero)', () => {
    const prev = [empty('2026-02-23'), ...previous.slice(1)]; // 0, 32, 32, 32 km
    const load = trainingLoad(balanced().week, prev);
    expect(load.weekOverWeekChange).toBeNull();
    expect(load.trailing4WeekAvgM).toBe(24_000); // (0 + 32 + 32 + 32)/4
    expect(load.acwr).toBeCloseTo(34 / ((0 + 32 + 32 + 34) / 4), 10); // 34 / 24.5 = 1.388
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

/** A week with one run of `km` km on its Wednesday (km 0: no run). */
const weekOf = (weekStart: string, km: number): WeekSummary => {
  const wed = DateTime.fromISO(weekStart).plus({ days: 2 }).toFormat("yyyy-MM-dd'T'07:00");
  return summarizeWeek({
    weekStart,
    timeZone: ZONE,
    workouts: km > 0 ? [run(wed, km, km * 6)] : [],
    coreSessions: [],
    history: [],
    settings: S,
  });
};

describe('trailing 4-week average and coupled ratio (training-rules.md, "Made exact")', () => {
  // Weeks W06..W09 before W10 (2026-03-02), oldest first 12, 0, 8, 20 km; this week 30 km.
  const prior = [weekOf('2026-02-23', 20), weekOf('2026-02-16', 8), weekOf('2026-02-09', 0), weekOf('2026-02-02', 12)];
  const thisWeek = weekOf(W10, 30);

  it('the issue example: average (12 + 0 + 8 + 20)/4 = 10 km, change +200%, ratio 30 / mean(0, 8, 20, 30) = 2.07', () => {
    const load = trainingLoad(thisWeek, prior, { firstRunDate: '2025-06-01' });
    expect(load.trailing4WeekAvgM).toBe(10_000);
    expect(load.changeVsTrailingAvg).toBeCloseTo(2, 10);
    expect(load.acwr).toBeCloseTo(30 / 14.5, 10);
    expect(Math.round(load.acwr! * 100) / 100).toBe(2.07);
    expect(load.weekOverWeekChange).toBeCloseTo(0.5, 10); // 30 vs 20
  });

  it('the coupled ratio takes the four weeks ending with this one, not the trailing average', () => {
    // Not 1 + change (= 3): the oldest prior week (12 km) drops out, this week comes in.
    expect(trainingLoad(thisWeek, prior, { firstRunDate: '2025-06-01' }).acwr).not.toBeCloseTo(3, 2);
  });

  it('weeks before the first known run are left out: first run in W08 → mean of W08, W09 = (8 + 20)/2', () => {
    const load = trainingLoad(thisWeek, prior, { firstRunDate: '2026-02-18' });
    expect(load.trailing4WeekAvgM).toBe(14_000);
    expect(load.changeVsTrailingAvg).toBeCloseTo(30 / 14 - 1, 10);
    expect(load.acwr).toBeCloseTo(30 / ((8 + 20 + 30) / 3), 10);
  });

  it('an empty week after the first run counts as 0 even when the first run was on its last day before', () => {
    // First run Sunday 2026-02-08 (end of W06, no run recorded in the summaries given): W07 (0 km) counts.
    const load = trainingLoad(thisWeek, prior.slice(0, 3), { firstRunDate: '2026-02-08' });
    expect(load.trailing4WeekAvgM).toBeCloseTo(28_000 / 3, 6); // (0 + 8 + 20)/3
  });

  it('the first run known from the history import counts: empty weeks after it are 0 km', () => {
    const empties = [weekOf('2026-02-23', 0), weekOf('2026-02-16', 0), weekOf('2026-02-09', 0), weekOf('2026-02-02', 0)];
    const load = trainingLoad(thisWeek, empties, { firstRunDate: '2025-11-20' });
    expect(load.trailing4WeekAvgM).toBe(0);
    expect(load.changeVsTrailingAvg).toBeNull(); // no division by zero
    expect(load.acwr).toBeCloseTo(4, 10); // 30 / mean(0, 0, 0, 30): a month off, then a 30 km week
  });

  it('first run this week, or no run known at all → no comparison, nothing NaN', () => {
    for (const firstRunDate of ['2026-03-04', null]) {
      const load = trainingLoad(thisWeek, prior, { firstRunDate });
      expect(load).toMatchObject({ trailing4WeekAvgM: null, changeVsTrailingAvg: null, acwr: null, weekOverWeekChange: null });
      expect(allFinite(load)).toBe(true);
    }
  });

  it('without a first-run date, the first run in the weeks given is taken: empty weeks before it are left out', () => {
    const prev = [weekOf('2026-02-23', 20), weekOf('2026-02-16', 8), weekOf('2026-02-09', 0), weekOf('2026-02-02', 0)];
    expect(trainingLoad(thisWeek, prev).trailing4WeekAvgM).toBe(14_000);
  });
});
