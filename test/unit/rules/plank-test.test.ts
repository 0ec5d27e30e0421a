import { describe, expect, it } from 'vitest';
import {
  isAdvancedRunner,
  plankCircuit,
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

describe('isAdvancedRunner (≥ 3 runs/week over 8 weeks and a run ≥ 15 km)', () => {
  // 8 weeks before 2026-03-10: 2026-01-14 .. 2026-03-10. 24 runs = 3 a week on average.
  const runs = (n: number, longKm: number) =>
    Array.from({ length: n }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, 14 + (i % 56)));
      return run(`${day.toISOString().slice(0, 10)}T07:00`, i === 0 ? longKm : 8, 48);
    });

  it('24 runs with a 16 km run → advanced', () => {
    expect(isAdvancedRunner(runs(24, 16), '2026-03-10')).toBe(true);
  });

  it('23 runs, or no run of 15 km, or runs outside the window → not advanced', () => {
    expect(isAdvancedRunner(runs(23, 16), '2026-03-10')).toBe(false);
    expect(isAdvancedRunner(runs(24, 14.9), '2026-03-10')).toBe(false);
    expect(isAdvancedRunner(runs(24, 16), '2026-03-11')).toBe(false); // the window leaves 01-14 (the 16 km run) behind
  });
});
