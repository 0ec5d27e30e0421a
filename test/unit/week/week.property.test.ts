import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Workout } from '../../../shared/domain/types.js';
import { summarizeWeek, weekStartOf, weeksOf } from '../../../shared/domain/week/aggregate.js';
import { localDateOf } from '../../../shared/domain/time.js';
import { S, lap, run } from './helpers.js';

// Half-hour and 45-minute offsets, 30-minute DST (Lord Howe), DST at odd hours, no DST, ±13/14 h.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'America/Santiago',
  'Africa/Casablanca',
  'UTC',
];

const MIN = Date.parse('2025-01-01T00:00:00Z');
const MAX = Date.parse('2027-12-31T00:00:00Z');

/** Sundays around DST changes in the zones above (EU, North America, Chatham, Lord Howe, Chile). */
const TRANSITIONS = [
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-09-06',
  '2026-09-27',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
];

/** Anchors: half near a DST change, half anywhere in three years; workouts cluster within ±10 days. */
const anchorArb = fc.oneof(
  fc.constantFrom(...TRANSITIONS).map((d) => Date.parse(`${d}T00:00:00Z`)),
  fc.integer({ min: MIN, max: MAX }),
);

/** Random workouts: integer metres (sums exact), runs and rides, some tagged, some with laps. */
const workoutArb = (anchor: number) =>
  fc
    .record({
      offsetMin: fc.integer({ min: -10 * 1440, max: 10 * 1440 }),
      metres: fc.integer({ min: 0, max: 45_000 }),
      minutes: fc.integer({ min: 1, max: 240 }),
      sport: fc.constantFrom('Run', 'TrailRun', 'VirtualRun', 'Ride'),
      tag: fc.constantFrom('default', 'workout', 'race', 'long-run' as const),
      fastLap: fc.boolean(),
    })
    .map(({ offsetMin, metres, minutes, sport, tag, fastLap }) => {
      const base = run('2026-01-01T00:00', 0, minutes, { sport, tag });
      const half = Math.floor(metres / 2);
      const laps = fastLap ? [lap(half, 360), lap(metres - half, 250)] : [];
      const startUtc = new Date(anchor + offsetMin * 60_000).toISOString();
      return { ...base, distanceM: metres, startUtc, laps } satisfies Workout;
    });

const inputArb = anchorArb.chain((anchor) =>
  fc.record({
    zone: fc.constantFrom(...ZONES),
    workouts: fc.array(workoutArb(anchor), { maxLength: 40 }),
    // The week to check: around the anchor, so it usually holds several workouts.
    pick: fc.integer({ min: anchor - 10 * 86_400_000, max: anchor + 10 * 86_400_000 }),
  }),
);

/** Instants of the local week [Mon 00:00, next Mon 00:00) computed independently with luxon. */
function weekBounds(weekStart: string, zone: string): [number, number] {
  const mon = DateTime.fromISO(weekStart, { zone }).startOf('day');
  return [mon.toMillis(), mon.plus({ days: 7 }).startOf('day').toMillis()];
}

const summarize = (weekStart: string, zone: string, workouts: Workout[]) =>
  summarizeWeek({ weekStart, timeZone: zone, workouts, coreSessions: [], history: workouts, settings: S });

const isRunSport = (w: Workout) => w.sport !== 'Ride';

describe('week model properties', () => {
  it('week run distance = sum of the runs whose instants fall in that local week; daily sums to it', () => {
    fc.assert(
      fc.property(inputArb, ({ zone, workouts, pick }) => {
        const weekStart = weekStartOf(localDateOf(new Date(pick), zone));
        const [from, to] = weekBounds(weekStart, zone);
        const expected = workouts
          .filter((w) => isRunSport(w) && Date.parse(w.startUtc) >= from && Date.parse(w.startUtc) < to)
          .reduce((s, w) => s + w.distanceM, 0);
        const week = summarize(weekStart, zone, workouts);
        expect(week.runDistanceM).toBe(expected);
        expect(week.daily.reduce((s, d) => s + d.runDistanceM, 0)).toBe(week.runDistanceM);
        expect(week.daily).toHaveLength(7);
        // The split never goes negative and adds back up to the total.
        for (const part of [week.easyDistanceM, week.longDistanceM, week.speedDistanceM]) {
          expect(part).toBeGreaterThanOrEqual(0);
        }
        expect(week.easyDistanceM + week.longDistanceM + week.speedDistanceM).toBeCloseTo(week.runDistanceM, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('every run lands in exactly one week: the weeks of weeksOf add up to all run distance', () => {
    fc.assert(
      fc.property(inputArb, ({ zone, workouts }) => {
        const total = weeksOf(workouts, zone)
          .map((w) => summarize(w, zone, workouts))
          .reduce((s, w) => s + w.runDistanceM, 0);
        expect(total).toBe(workouts.filter(isRunSport).reduce((s, w) => s + w.distanceM, 0));
      }),
      { numRuns: 150 },
    );
  });
});
