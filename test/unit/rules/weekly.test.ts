import { describe, expect, it } from 'vitest';
import { weeklyFindings } from '../../../shared/domain/rules/evaluate-week.js';
import { noRestDay } from '../../../shared/domain/rules/rest-days.js';
import { shortSessionFlags } from '../../../shared/domain/rules/short-speed-session.js';
import { speedShareExceeded } from '../../../shared/domain/rules/speed-share.js';
import { volumeRamp } from '../../../shared/domain/rules/volume-ramp.js';
import { summarizeWeek } from '../../../shared/domain/week/aggregate.js';
import { trainingLoad } from '../../../shared/domain/week/load.js';
import type { TrainingLoad } from '../../../shared/domain/week/types.js';
import { S, ZONE, core, run } from '../week/helpers.js';
import { balanced, creepCore, creepIntervals, creepRuns, parkrun, previous, ramp, week10, withLoad } from '../week/weeks.js';

describe('balanced week', () => {
  it('nothing fires', () => {
    const { week, load } = balanced();
    expect(weeklyFindings(week, load, S)).toEqual([]);
  });
});

describe('ramp week with a core shortfall', () => {
  it('44 km vs 32 km average: ramp warning first, then the core shortfall', () => {
    const { week, load } = ramp();
    expect(week.runDistanceM).toBe(44_000);
    expect(week.longDistanceM).toBe(14_000);
    expect(weeklyFindings(week, load, S)).toEqual([
      { rule: 'volume-ramp', level: 'warning', changeVsTrailingAvg: 0.375, acwr: 44 / 35 },
      { rule: 'core-frequency', done: 1, target: 3, daysLeft: 0 },
    ]);
  });
});

describe('speed-creep week', () => {
  const full = () => withLoad(week10(creepRuns, creepCore));

  it('hand-computed split: speed 3 + 5 = 8 km, long 10, easy 14 (Tue 6 non-fast + Thu 8)', () => {
    const { week } = full();
    expect(week.runDistanceM).toBe(32_000);
    expect(week.speedSessions.map((s) => [s.sourceId, s.fastDistanceM, s.basis])).toEqual([
      [creepIntervals.sourceId, 3000, 'fast-laps'],
      [parkrun.sourceId, 5000, 'tagged-whole-run'],
    ]);
    expect([week.speedDistanceM, week.longDistanceM, week.easyDistanceM]).toEqual([8000, 10_000, 14_000]);
  });

  it('weekly email: speed share 25% first, then the parkrun flagged as a long speed session', () => {
    const { week, load } = full();
    expect(weeklyFindings(week, load, S)).toEqual([
      { rule: 'speed-share', share: 0.25, limit: 0.1, speedDistanceM: 8000, baseDistanceM: 32_000 },
      {
        rule: 'short-speed-session',
        sessions: [{ sourceId: parkrun.sourceId, date: '2026-03-07', fastDistanceM: 5000 }],
        limitM: 3200,
      },
    ]);
  });

  it('the warning comes with the session that pushes the week over 10%, not before', () => {
    // After Tue: 9 km so far, 3 km speed; base max(9, 32) = 32 → 9.4% → quiet.
    const tue = withLoad(week10(creepRuns.slice(0, 1), [], '2026-03-03'));
    expect(speedShareExceeded(tue.week, tue.load, S)).toBeNull();
    // After Thu: 17 km, still 3/32 = 9.4%.
    const thu = withLoad(week10(creepRuns.slice(0, 2), [], '2026-03-05'));
    expect(speedShareExceeded(thu.week, thu.load, S)).toBeNull();
    // After the Sat parkrun: 22 km, 8 km speed, base max(22, 32) = 32 → 25%.
    const sat = withLoad(week10(creepRuns.slice(0, 3), [], '2026-03-07'));
    expect(speedShareExceeded(sat.week, sat.load, S)).toMatchObject({ share: 0.25, baseDistanceM: 32_000 });
  });

  it('without history the base is the week so far: Tue alone is 3/9 = 33%', () => {
    const week = week10(creepRuns.slice(0, 1), [], '2026-03-03');
    const load = trainingLoad(week, []);
    expect(speedShareExceeded(week, load, S)).toMatchObject({ share: 3 / 9, baseDistanceM: 9000 });
    // ... and short sessions are skipped: no average to compare with.
    expect(shortSessionFlags(week, load, S)).toBeNull();
  });

  it('exactly 10% is allowed', () => {
    const { week, load } = balanced();
    const atLimit = { ...week, speedDistanceM: 3400 }; // 3.4 / max(34, 32) = 10%
    expect(speedShareExceeded(atLimit, load, S)).toBeNull();
    expect(speedShareExceeded({ ...atLimit, speedDistanceM: 3401 }, load, S)).not.toBeNull();
  });
});

describe('comeback spike', () => {
  // 30 km after four empty weeks (or no weeks at all): the ramp rule has nothing to compare with.
  const runs = [run('2026-03-02T07:00', 10, 60), run('2026-03-04T07:00', 10, 60), run('2026-03-07T07:00', 10, 60)];
  const cores = ['2026-03-02', '2026-03-04', '2026-03-06'].map((d) => core(d));

  it('no history → ramp and short-session rules skipped', () => {
    const week = summarizeWeek({
      weekStart: '2026-03-02',
      timeZone: ZONE,
      workouts: runs,
      coreSessions: cores,
      history: [],
      settings: S,
    });
    const load = trainingLoad(week, []);
    expect(volumeRamp(week, load, S)).toBeNull();
    expect(weeklyFindings(week, load, S)).toEqual([]);
  });

  it('long gap: the last run was 6 weeks ago, so the 4 previous weeks count as 0 km → ratio 4, a warning', () => {
    const old = run('2026-01-20T07:00', 10, 60);
    const empties = ['2026-02-23', '2026-02-16', '2026-02-09', '2026-02-02'].map((w) =>
      summarizeWeek({ weekStart: w, timeZone: ZONE, workouts: [old], coreSessions: [], history: [], settings: S }),
    );
    const week = summarizeWeek({
      weekStart: '2026-03-02',
      timeZone: ZONE,
      workouts: runs,
      coreSessions: cores,
      history: [old],
      settings: S,
    });
    const load = trainingLoad(week, empties, { firstRunDate: '2026-01-20' });
    expect(load.trailing4WeekAvgM).toBe(0);
    expect(load.changeVsTrailingAvg).toBeNull(); // no percentage of 0 km
    expect(load.acwr).toBe(4); // 32 / mean(0, 0, 0, 32)
    expect(volumeRamp(week, load, S)).toEqual({ rule: 'volume-ramp', level: 'warning', changeVsTrailingAvg: null, acwr: 4 });
  });

  it('no run known before this week (the weeks before the first run are left out) → skipped', () => {
    const week = summarizeWeek({
      weekStart: '2026-03-02',
      timeZone: ZONE,
      workouts: runs,
      coreSessions: cores,
      history: [],
      settings: S,
    });
    const load = trainingLoad(week, previous, { firstRunDate: '2026-03-02' });
    expect(load.trailing4WeekAvgM).toBeNull();
    expect(volumeRamp(week, load, S)).toBeNull();
  });
});

describe('volumeRamp thresholds (trailing average 32 km)', () => {
  const week = balanced().week;
  const load = (change: number | null, acwr: number | null): TrainingLoad => ({
    trailing4WeekAvgM: 32_000,
    weekOverWeekChange: null,
    changeVsTrailingAvg: change,
    acwr,
    monotony: null,
    strain: null,
  });
  const level = (change: number | null, acwr: number | null) => {
    const f = volumeRamp(week, load(change, acwr), S);
    return f?.rule === 'volume-ramp' ? f.level : null;
  };

  it('+10% exactly is fine, above it a nudge; above +30% a warning', () => {
    expect(level(0.1, 1.1)).toBeNull();
    expect(level(0.125, 1.125)).toBe('nudge'); // 36 km
    expect(level(0.3, 1.3)).toBe('nudge');
    expect(level(0.34375, 1.34375)).toBe('warning'); // 43 km
  });

  it('the ratio only warns, at 1.5 or more; below that the change alone decides', () => {
    expect([level(0, 1.49), level(0, 1.5), level(0.05, 1.6)]).toEqual([null, 'warning', 'warning']);
    expect(level(0.2, 1.49)).toBe('nudge');
  });

  it('the issue example week (avg 10 km, this week 30 km): +200% and ratio 2.07 → warning', () => {
    const f = volumeRamp(week, { ...load(2, 30 / 14.5), trailing4WeekAvgM: 10_000 }, S);
    expect(f).toMatchObject({ rule: 'volume-ramp', level: 'warning' });
  });

  it('a nudge-level ramp is listed last in the weekly email', () => {
    // Balanced week with the Sunday long run at 14 km: 36 km, +12.5% → nudge; no rest day added.
    const runs = [
      run('2026-03-03T07:00', 8, 48),
      run('2026-03-04T07:00', 8, 48),
      run('2026-03-06T07:00', 6, 36),
      run('2026-03-08T09:00', 14, 84),
    ];
    const { week: w, load: l } = withLoad(week10(runs, []));
    expect(weeklyFindings(w, l, S).map((f) => f.rule)).toEqual(['core-frequency', 'volume-ramp']);
    expect(trainingLoad(w, previous).changeVsTrailingAvg).toBeCloseTo(0.125, 10);
  });
});

describe('noRestDay', () => {
  const daily = ['02', '03', '04', '05', '06', '07', '08'].map((d) => run(`2026-03-${d}T07:00`, 5, 30));

  it('a finished week with a run every day', () => {
    expect(noRestDay(week10(daily, []))).toEqual({ rule: 'no-rest-day', restDays: 0 });
  });

  it('a week in progress is not judged; a week with one rest day passes', () => {
    expect(noRestDay(week10(daily.slice(0, 6), [], '2026-03-07'))).toBeNull();
    expect(noRestDay(week10(daily.slice(0, 6), []))).toBeNull();
  });
});
