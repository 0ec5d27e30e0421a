import { describe, expect, it } from 'vitest';
import {
  isAdvancedRunner,
  plankCircuit,
  plankCircuitSeconds,
  plankResultCompleted,
  plankTestDue,
  type PlankTestInput,
} from '../../../shared/domain/rules/plank-test.js';
import { S, run } from '../week/helpers.js';

const base: PlankTestInput = {
  today: '2026-03-10',
  isRestDay: true,
  firstRunDate: '2025-09-10',
  lastPlankTestDate: null,
  advanced: true,
  settings: S,
};

describe('plankTestDue', () => {
  it('eligible from 6 calendar months after the first run (2025-09-10 → 2026-03-10)', () => {
    expect(plankTestDue(base)).toEqual({ rule: 'plank-test-due', advanced: true });
    expect(plankTestDue({ ...base, today: '2026-03-09' })).toBeNull();
    expect(plankTestDue({ ...base, firstRunDate: null })).toBeNull();
  });

  it('only on a rest day', () => {
    expect(plankTestDue({ ...base, isRestDay: false })).toBeNull();
  });

  it('every 4 weeks: 28 days after the last test it is due again, 27 days is too soon', () => {
    expect(plankTestDue({ ...base, lastPlankTestDate: '2026-02-10' })).not.toBeNull(); // 28 days
    expect(plankTestDue({ ...base, lastPlankTestDate: '2026-02-11' })).toBeNull(); // 27 days
  });

  it('carries the advanced flag for the message', () => {
    expect(plankTestDue({ ...base, advanced: false })).toEqual({ rule: 'plank-test-due', advanced: false });
  });
});

describe('plankCircuit', () => {
  it('full circuit: plank 30, each arm 15, each leg 15, two cross pairs 15, plank 30 = 150 s', () => {
    const c = plankCircuit(true);
    expect(c.map((h) => h.seconds)).toEqual([30, 15, 15, 15, 15, 15, 15, 30]);
    expect(new Set(c.map((h) => h.step))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(c.reduce((s, h) => s + h.seconds, 0)).toBe(150);
  });

  it('less advanced: each hold 10 s shorter, never below 5 s (30 → 20, 15 → 5)', () => {
    expect(plankCircuit(false).map((h) => h.seconds)).toEqual([20, 5, 5, 5, 5, 5, 5, 20]);
    expect(plankCircuit(false, 5).map((h) => h.seconds)).toEqual([25, 10, 10, 10, 10, 10, 10, 25]);
  });
});

describe('plank circuit total and a logged result', () => {
  it('the full holds add up to 150 s; the shortened ones to 70 s', () => {
    expect(plankCircuitSeconds(true)).toBe(150);
    expect(plankCircuitSeconds(false)).toBe(20 + 6 * 5 + 20);
  });

  it('150 s or more on the full circuit is completed, 149 s is not', () => {
    expect(plankResultCompleted(150, true)).toBe(true);
    expect(plankResultCompleted(180, true)).toBe(true);
    expect(plankResultCompleted(149, true)).toBe(false);
    expect(plankResultCompleted(Number.NaN, true)).toBe(false);
  });
});

describe('isAdvancedRunner (averaged ≥ 15 km a week over the last 8 weeks)', () => {
  // The 8 weeks up to Tue 2026-03-10 are 2026-01-14 .. 2026-03-10 (56 days): 120 km is 15 km a week.
  const runs = (n: number, km: number, firstDay = 14) =>
    Array.from({ length: n }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, firstDay + ((i * 2) % 56)));
      return run(`${day.toISOString().slice(0, 10)}T07:00`, km, km * 6);
    });

  it('30–40 km a week in runs of 8 km, none of 15 km → full circuit', () => {
    expect(isAdvancedRunner(runs(4 * 8, 8), '2026-03-10')).toBe(true); // 256 km / 8 = 32 km a week
  });

  it('exactly 15 km a week on average (120 km in 8 weeks) → full circuit; 119 km → shorter holds', () => {
    expect(isAdvancedRunner(runs(12, 10), '2026-03-10')).toBe(true);
    expect(isAdvancedRunner([...runs(11, 10), ...runs(1, 9, 15)], '2026-03-10')).toBe(false);
  });

  it('runs outside the 8 weeks and non-runs do not count; the same run listed twice counts once', () => {
    expect(isAdvancedRunner(runs(12, 10, 13), '2026-03-10')).toBe(false); // the first run (01-13) falls out
    const ride = { ...run('2026-02-01T07:00', 200, 400), sport: 'Ride' };
    expect(isAdvancedRunner([ride], '2026-03-10')).toBe(false);
    const one = runs(1, 120)[0]!;
    expect(isAdvancedRunner([one], '2026-03-10')).toBe(true);
    expect(
      isAdvancedRunner(
        [
          { ...one, distanceM: 60_000 },
          { ...one, distanceM: 60_000 },
        ],
        '2026-03-10',
      ),
    ).toBe(false);
  });

  it('the thresholds are settings', () => {
    const tuned = { ...S, plankFullCircuitMinWeeklyM: 40_000 };
    expect(isAdvancedRunner(runs(4 * 8, 8), '2026-03-10', tuned)).toBe(false);
  });
});
