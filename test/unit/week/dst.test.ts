import { describe, expect, it } from 'vitest';
import type { Workout } from '../../../shared/domain/types.js';
import { summarizeWeek } from '../../../shared/domain/week/aggregate.js';
import { S, ZONE, run } from './helpers.js';

/** A workout given by its UTC instant, with whatever local fields the tracker reported. */
function at(startUtc: string, km: number, reported: Partial<Workout> = {}): Workout {
  return { ...run('2026-01-01T00:00', km, 30), startUtc, ...reported };
}

const summarize = (weekStart: string, workouts: Workout[]) =>
  summarizeWeek({ weekStart, timeZone: ZONE, workouts, coreSessions: [], history: [], settings: S });

describe('weeks across the March DST change (Europe/Berlin, Sunday 2026-03-29, 02:00 CET → 03:00 CEST)', () => {
  // W13 = Mon 2026-03-23 .. Sun 2026-03-29; W14 starts Mon 2026-03-30.
  const beforeJump = at('2026-03-29T00:30:00Z', 5); // 01:30 CET Sunday
  // 01:30Z = 03:30 CEST. A device stuck on +01:00 reports "02:30", a wall time that never
  // existed in Berlin that night; the instant decides, so it is still Sunday in W13.
  const duringGap = at('2026-03-29T01:30:00Z', 7, { startLocal: '2026-03-29T02:30:00', localDate: '2026-03-29' });
  // Monday 00:30 CEST = Sunday 22:30Z; recorded by a watch set to UTC, so its own localDate says
  // Sunday. In the runner's zone it is Monday → W14 (grouping by UTC or by localDate gets W13).
  const mondayNight = at('2026-03-29T22:30:00Z', 11, { timeZone: 'UTC', localDate: '2026-03-29' });
  const all = [beforeJump, duringGap, mondayNight];

  it('puts both Sunday-night runs in W13 and the Monday 00:30 run in W14', () => {
    const w13 = summarize('2026-03-23', all);
    const w14 = summarize('2026-03-30', all);
    expect(w13.week).toBe('2026-W13');
    expect(w13.daily[6]).toMatchObject({ date: '2026-03-29', runs: 2, runDistanceM: 12_000 });
    expect(w13.runDistanceM).toBe(12_000);
    expect(w14.week).toBe('2026-W14');
    expect(w14.daily[0]).toMatchObject({ date: '2026-03-30', runs: 1, runDistanceM: 11_000 });
    expect(w14.runDistanceM).toBe(11_000);
  });

  it('drops and doubles nothing: the weeks add up to the three runs', () => {
    const total = ['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06']
      .map((w) => summarize(w, all).runDistanceM)
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(23_000);
  });
});

describe('the October change (Berlin, Sunday 2026-10-25, 03:00 CEST → 02:00 CET)', () => {
  it('two runs at the same wall-clock 02:30 (one each side of the change) both count, once', () => {
    const first = at('2026-10-25T00:30:00Z', 4); // 02:30 CEST
    const second = at('2026-10-25T01:30:00Z', 6); // 02:30 CET, an hour later
    const week = summarize('2026-10-19', [first, second]);
    expect(week.daily[6]).toMatchObject({ date: '2026-10-25', runs: 2, runDistanceM: 10_000 });
    expect(week.restDays).toBe(6);
  });
});
