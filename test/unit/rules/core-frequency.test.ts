import { InvalidValueError } from '../../../shared/domain/errors.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_EXERCISES, coreNudgeDue, pickCoreExercises } from '../../../shared/domain/rules/core-frequency.js';
import { epochDay } from '../../../shared/domain/week/dates.js';
import { S, core } from '../week/helpers.js';
import { week10 } from '../week/weeks.js';

// 2026-W10: Mon 03-02, Tue 03-03, Wed 03-04, Thu 03-05, Fri 03-06, Sat 03-07, Sun 03-08.
const withCore = (dates: string[], asOf: string) =>
  week10(
    [],
    dates.map((d) => core(d)),
    asOf,
  );
const due = (dates: string[], today: string, localHour: number, eveningHour?: number) =>
  coreNudgeDue({ week: withCore(dates, today), today, localHour, settings: S, eveningHour });

describe('coreNudgeDue (target 3, evening from 18:00)', () => {
  it('Thu evening with 0 done → nudge: Fri, Sat, Sun left for 3 sessions, no slack', () => {
    expect(due([], '2026-03-05', 19)).toEqual({ rule: 'core-frequency', done: 0, target: 3, daysLeft: 3 });
  });

  it('Sat with 1 done → nudge: Sat and Sun left for 2 sessions', () => {
    expect(due(['2026-03-03'], '2026-03-07', 10)).toEqual({ rule: 'core-frequency', done: 1, target: 3, daysLeft: 2 });
    // Sat evening: only Sunday left, so doubling up is already needed; still a nudge.
    expect(due(['2026-03-03'], '2026-03-07', 20)).toMatchObject({ daysLeft: 1 });
  });

  it('Mon with 0 done → no nudge (7 days left, or 6 in the evening)', () => {
    expect(due([], '2026-03-02', 8)).toBeNull();
    expect(due([], '2026-03-02', 21)).toBeNull();
  });

  it('Thu daytime with 0 done → not yet (Thu..Sun = 4 days for 3)', () => {
    expect(due([], '2026-03-05', 12)).toBeNull();
    expect(due([], '2026-03-05', 17)).toBeNull();
  });

  it('the evening hour is a parameter: at 19:00 with evening from 20:00, Thursday still counts', () => {
    expect(due([], '2026-03-05', 19, 20)).toBeNull();
  });

  it('no nudge once the target is met, nor on Sunday evening when no day is left', () => {
    expect(due(['2026-03-02', '2026-03-03', '2026-03-04'], '2026-03-07', 10)).toBeNull();
    expect(due(['2026-03-02'], '2026-03-08', 19)).toBeNull();
    // Sunday daytime with 2 done: 1 needed, 1 day left → nudge.
    expect(due(['2026-03-02', '2026-03-04'], '2026-03-08', 9)).toMatchObject({ done: 2, daysLeft: 1 });
  });

  it('Sunday evening stays silent whatever was done: the week is over, the weekly email reports it', () => {
    for (const dates of [[], ['2026-03-02'], ['2026-03-02', '2026-03-04']]) {
      expect(due(dates, '2026-03-08', 18)).toBeNull();
      expect(due(dates, '2026-03-08', 23)).toBeNull();
    }
  });

  it('refuses a date outside the week or a bad hour', () => {
    expect(() => due([], '2026-03-09', 10)).toThrow(InvalidValueError);
    expect(() => due([], '2026-03-05', 24)).toThrow(InvalidValueError);
  });
});

describe('pickCoreExercises', () => {
  it('names the eight exercises in rotation', () => {
    expect(pickCoreExercises(0, 3)).toEqual(['glute bridge', 'clamshell', 'plank']);
    expect(pickCoreExercises(1, 3)).toEqual(['side plank', 'Russian twist', 'superman']);
    expect(pickCoreExercises(2, 3)).toEqual(['bird dog', 'fire hydrant', 'glute bridge']);
    // 8 days in a row with 3 each visit every exercise (3 and 8 share no factor).
    const seen = new Set(Array.from({ length: 8 }, (_, d) => pickCoreExercises(d, 3)).flat());
    expect(seen.size).toBe(CORE_EXERCISES.length);
  });

  it('consecutive days never repeat an exercise (count 1–4), including across weeks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 4 }), (day, count) => {
        const today = pickCoreExercises(day, count);
        const tomorrow = pickCoreExercises(day + 1, count);
        expect(new Set(today).size).toBe(count);
        expect(today.filter((e) => tomorrow.includes(e))).toEqual([]);
      }),
    );
    // Sunday → Monday with epoch day numbers.
    const sun = pickCoreExercises(epochDay('2026-03-08'), 3);
    const mon = pickCoreExercises(epochDay('2026-03-09'), 3);
    expect(sun.filter((e) => mon.includes(e))).toEqual([]);
  });

  it('clamps the count to 1..8', () => {
    expect(pickCoreExercises(5, 0)).toHaveLength(1);
    expect(new Set(pickCoreExercises(5, 20)).size).toBe(8);
  });
});
