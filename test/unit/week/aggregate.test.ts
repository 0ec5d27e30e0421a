import { describe, expect, it } from 'vitest';
import { previousWeekStarts, summarizeWeek, weekLabelOf, weekStartOf, weeksOf } from '../../../shared/domain/week/aggregate.js';
import { S, ZONE, core, lap, run, steadyHistory } from './helpers.js';
import { balancedCore, balancedRuns, intervals } from './weeks.js';

// Week 2026-W10: Mon 2026-03-02 .. Sun 2026-03-08 (CET, UTC+1). History: 32 km/week at 6:00/km.
const W10 = '2026-03-02';
const history = steadyHistory(W10);

describe('summarizeWeek: balanced week', () => {
  const week = summarizeWeek({
    weekStart: W10,
    timeZone: ZONE,
    workouts: balancedRuns,
    coreSessions: balancedCore,
    history,
    settings: S,
  });

  it('adds up distance, time and runs', () => {
    expect(week.week).toBe('2026-W10');
    expect([week.start, week.end]).toEqual(['2026-03-02', '2026-03-08']);
    expect(week.runs).toBe(4);
    expect(week.runDistanceM).toBe(34_000); // 8 + 8 + 6 + 12
    expect(week.runMovingTimeS).toBe(12_192); // 2880 + 2832 + 2160 + 4320
  });

  it('splits long / speed / easy', () => {
    expect(week.longestRun).toEqual({ sourceId: balancedRuns[3]!.sourceId, distanceM: 12_000, share: 12 / 34 });
    expect(week.longDistanceM).toBe(12_000);
    expect(week.speedDistanceM).toBe(1500); // only the 3 fast laps of the tagged session
    expect(week.speedSessions).toEqual([
      { sourceId: intervals.sourceId, date: '2026-03-04', fastDistanceM: 1500, basis: 'fast-laps' },
    ]);
    expect(week.easyDistanceM).toBe(20_500); // 34 − 12 − 1.5
  });

  it('counts rest days, core sessions and the daily series', () => {
    expect(week.restDays).toBe(3); // Mon, Thu, Sat
    expect(week.daysElapsed).toBe(7);
    expect(week.coreSessions).toBe(3);
    expect(week.daily.map((d) => d.runDistanceM)).toEqual([0, 8000, 8000, 0, 6000, 0, 12_000]);
    expect(week.daily.map((d) => d.coreSessions)).toEqual([1, 0, 0, 1, 0, 1, 0]);
  });

  it('ignores workouts outside the week and non-runs', () => {
    const again = summarizeWeek({
      weekStart: W10,
      timeZone: ZONE,
      workouts: [...balancedRuns, ...history, run('2026-03-05T07:00', 40, 90, { sport: 'Ride' })],
      coreSessions: [...balancedCore, core('2026-03-09')],
      history,
      settings: S,
    });
    expect(again).toEqual(week);
  });
});

describe('summarizeWeek: details', () => {
  const base = { weekStart: W10, timeZone: ZONE, coreSessions: [], history, settings: S };

  it('a week in progress counts rest days only up to asOf', () => {
    // Mon rest, Tue run, Wed rest (today): 2 rest days of 3 elapsed.
    const week = summarizeWeek({ ...base, workouts: [run('2026-03-03T07:00', 8, 48)], asOf: '2026-03-04' });
    expect([week.daysElapsed, week.restDays]).toEqual([3, 2]);
    // Before the week: nothing elapsed; after it: the whole week.
    expect(summarizeWeek({ ...base, workouts: [], asOf: '2026-03-01' }).restDays).toBe(0);
    expect(summarizeWeek({ ...base, workouts: [], asOf: '2026-04-01' }).restDays).toBe(7);
  });

  it("counts one core session per day, plus each 'another one today', and each session id once", () => {
    const tracked = core('2026-03-03', { source: 'tracker' });
    const week = summarizeWeek({
      ...base,
      workouts: [],
      coreSessions: [
        tracked,
        tracked, // listed twice
        core('2026-03-03'), // check-in confirming the tracked session: same day → still 1
        core('2026-03-04', { explicit: true }),
        core('2026-03-04', { explicit: true }), // runner logged two more on Wednesday → 2
        core('2026-03-05', { explicit: true }),
        core('2026-03-05', { source: 'tracker' }), // the tracked one, and another logged on top → 2
      ],
    });
    expect(week.daily.map((d) => d.coreSessions)).toEqual([0, 1, 2, 2, 0, 0, 0]);
    expect(week.coreSessions).toBe(5);
  });

  it('counts the same activity once when it is listed twice (e.g. after an update)', () => {
    const a = run('2026-03-03T07:00', 8, 48, { id: 'same' });
    const b = { ...a, distanceM: 8200 }; // the updated version wins
    const week = summarizeWeek({ ...base, workouts: [a, b] });
    expect([week.runs, week.runDistanceM]).toEqual([1, 8200]);
  });

  it('a tagged run without laps counts whole; an untagged run without history never counts', () => {
    // Race 5 km / 22:30, no laps → 5000 m speed (tagged-whole-run).
    const race = run('2026-03-07T09:00', 5, 22.5, { tag: 'race' });
    // Untagged run with fast laps but no history: no easy pace to compare with → no speed work.
    const fartlek = run('2026-03-03T07:00', 6, 33, { laps: [lap(3000, 360), lap(3000, 300)] });
    const week = summarizeWeek({ ...base, history: [], workouts: [race, fartlek] });
    expect(week.speedSessions).toEqual([
      { sourceId: race.sourceId, date: '2026-03-07', fastDistanceM: 5000, basis: 'tagged-whole-run' },
    ]);
    expect(week.speedDistanceM).toBe(5000);
    expect(week.easyDistanceM).toBe(6000);
  });

  it('a tagged run with laps and no history uses its own median lap pace', () => {
    // Laps (s/km): 360, 270, 360, 270, 360 → median 360 → fast ≤ 306: the two 1 km laps at 4:30.
    const reps = run('2026-03-04T18:00', 7, 39, {
      tag: 'workout',
      laps: [lap(2000, 360), lap(1000, 270), lap(1000, 360), lap(1000, 270), lap(2000, 360)],
    });
    const week = summarizeWeek({ ...base, history: [], workouts: [reps] });
    expect(week.speedDistanceM).toBe(2000);
  });

  it("an untagged long run's fast finish counts as speed, not twice", () => {
    // Sun 20 km / 117 min: laps 18 km @ 6:00 (108 min) + 2 km @ 4:30 (9 min, fast).
    // Week = 20 km + Tue 8 km = 28 km; 20/28 ≥ 25%, 117 ≥ 60 → long.
    // speed 2000, long 20000 − 2000 = 18000, easy 28000 − 18000 − 2000 = 8000.
    const long = run('2026-03-08T08:00', 20, 117, { laps: [lap(18_000, 360), lap(2000, 270)] });
    const week = summarizeWeek({ ...base, workouts: [run('2026-03-03T07:00', 8, 48), long] });
    expect([week.speedDistanceM, week.longDistanceM, week.easyDistanceM]).toEqual([2000, 18_000, 8000]);
    expect(week.speedSessions[0]?.basis).toBe('fast-laps');
  });

  it('a tagged long run is long whatever its share; an hour-long but small run is not', () => {
    // Tue 10 km/60 min tagged long (10/54 = 19%); Wed 14 km/59 min (14/54 = 26% but < 60 min);
    // Thu 30 km/180 min (56%, ≥ 60 min) → long. Week 54 km, long 10 + 30 = 40 km, easy 14 km.
    const week = summarizeWeek({
      ...base,
      workouts: [
        run('2026-03-03T07:00', 10, 60, { tag: 'long-run' }),
        run('2026-03-04T07:00', 14, 59),
        run('2026-03-05T07:00', 30, 180),
      ],
    });
    expect(week.longDistanceM).toBe(40_000);
    expect(week.easyDistanceM).toBe(14_000);
  });

  it('refuses a weekStart that is not a Monday', () => {
    expect(() => summarizeWeek({ ...base, weekStart: '2026-03-03', workouts: [] })).toThrow(/Monday/);
  });

  it('an empty week has no longest run and 7 rest days', () => {
    const week = summarizeWeek({ ...base, workouts: [] });
    expect(week).toMatchObject({ runs: 0, runDistanceM: 0, longestRun: null, restDays: 7, easyDistanceM: 0 });
    expect(week.daily).toHaveLength(7);
  });
});

describe('week helpers', () => {
  it('weekStartOf / weekLabelOf / previousWeekStarts', () => {
    expect(weekStartOf('2026-03-08')).toBe('2026-03-02');
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
    expect(weekLabelOf('2027-01-01')).toBe('2026-W53');
    expect(previousWeekStarts('2026-03-02', 2)).toEqual(['2026-02-23', '2026-02-16']);
  });

  it('weeksOf lists the distinct weeks in the runner zone, oldest first', () => {
    // Sun 2026-03-08 23:30 Berlin = 22:30Z: W10 in Berlin; in Tokyo it is already Monday (W11).
    const late = run('2026-03-08T23:30', 5, 30);
    const early = run('2026-03-03T07:00', 5, 30);
    expect(weeksOf([late, early, late], ZONE)).toEqual(['2026-03-02']);
    expect(weeksOf([late, early], 'Asia/Tokyo')).toEqual(['2026-03-02', '2026-03-09']);
  });
});
