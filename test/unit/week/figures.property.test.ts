import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Workout } from '../../../shared/domain/types.js';
import { summarizeWeek, weekStartOf } from '../../../shared/domain/week/aggregate.js';
import { addDays } from '../../../shared/domain/week/dates.js';
import {
  type ActivityEvent,
  EMPTY_FOLD,
  foldEvent,
  summarizeFigures,
  supersedes,
  targetOf,
} from '../../../shared/domain/week/figures.js';
import { coreSessionsFromWorkouts } from '../../../shared/domain/core-sessions.js';
import { localDateOf } from '../../../shared/domain/time.js';
import { S, lap, run } from './helpers.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'UTC'];
/** Activities spread over ~7 weeks around a DST change, so updates move them across weeks. */
const BASE = Date.parse('2026-03-01T00:00:00Z');

const workoutArb = (sourceId: string) =>
  fc
    .record({
      offsetMin: fc.integer({ min: -21 * 1440, max: 28 * 1440 }),
      metres: fc.integer({ min: 0, max: 30_000 }),
      minutes: fc.integer({ min: 1, max: 180 }),
      sport: fc.constantFrom('Run', 'TrailRun', 'Ride', 'WeightTraining', 'Swim'),
      tag: fc.constantFrom('default', 'workout', 'race', 'long-run' as const),
      fastLap: fc.boolean(),
    })
    .map(({ offsetMin, metres, minutes, sport, tag, fastLap }): Workout => {
      const half = Math.floor(metres / 2);
      const startUtc = new Date(BASE + offsetMin * 60_000).toISOString();
      return {
        ...run('2026-01-01T00:00', metres, minutes, { sport, tag }),
        sourceId,
        distanceM: metres,
        startUtc,
        localDate: localDateOf(new Date(startUtc), 'UTC'),
        laps: fastLap ? [lap(half, 360), lap(metres - half, 250)] : [],
      };
    });

/**
 * Event histories of up to 5 activities: each event a create/update (some version of the workout)
 * or a delete, with a version (event time) unique per activity. Delivered shuffled, with duplicates.
 */
const historyArb = fc
  .array(
    fc.record({
      id: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5'),
      delete: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .chain((specs) =>
    fc.tuple(...specs.map((s, i) => (s.delete ? fc.constant(null) : workoutArb(s.id)).map((w) => ({ s, w, v: 1000 + i })))),
  )
  .map((items) =>
    items.map(
      ({ s, w, v }): ActivityEvent =>
        w === null ? { activityId: s.id, v, kind: 'delete' } : { activityId: s.id, v, kind: 'put', workout: w },
    ),
  );

const deliveryArb = historyArb.chain((events) =>
  fc.tuple(fc.shuffledSubarray(events, { minLength: 0 }), fc.integer({ min: 0, max: 2 ** 31 })).map(([dups, seed]) => {
    // Every event at least once, some twice, in an arbitrary order.
    const all = [...events, ...dups];
    const keyed = all.map((e, i) => ({ e, k: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }));
    return { events, delivered: keyed.sort((a, b) => a.k - b.k).map((x) => x.e) };
  }),
);

/** The final set of activities: per id, the event that wins (latest version; a delete at a tie). */
function finalSet(events: ActivityEvent[], zone: string): Workout[] {
  const winners = new Map<string, ActivityEvent>();
  for (const e of events) {
    const cur = winners.get(e.activityId);
    if (!cur || supersedes(targetOf(e, zone), { v: cur.v, weekStart: targetOf(cur, zone).weekStart })) {
      winners.set(e.activityId, e);
    }
  }
  return [...winners.values()]
    .flatMap((e) => (e.kind === 'put' ? [e.workout] : []))
    .sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.sourceId.localeCompare(b.sourceId));
}

describe('weekly figures fold', () => {
  it('any order, any duplicates: the folded figures equal those of the final set of activities', () => {
    fc.assert(
      fc.property(deliveryArb, fc.constantFrom(...ZONES), ({ events, delivered }, zone) => {
        const state = delivered.reduce((s, e) => foldEvent(s, e, zone), EMPTY_FOLD);
        const final = finalSet(events, zone);
        const figures = Object.values(state.weeks);
        const first = weekStartOf(localDateOf(new Date(BASE - 22 * 86_400_000), zone));
        for (let i = 0; i < 9; i++) {
          const weekStart = addDays(first, 7 * i);
          const expected = summarizeWeek({
            weekStart,
            timeZone: zone,
            workouts: final,
            history: final,
            coreSessions: coreSessionsFromWorkouts(final, zone),
            settings: S,
          });
          const folded = summarizeFigures({ runnerId: 'r1', weekStart, timeZone: zone, figures, checkIns: [], settings: S });
          expect(folded).toEqual(expected);
        }
        // Nothing but the winners is kept: a deleted or superseded activity leaves no contribution.
        const kept = figures.flatMap((f) => Object.keys(f.contributions)).sort();
        const live = final.filter((w) => targetOf({ activityId: w.sourceId, v: 0, kind: 'put', workout: w }, zone).weekStart);
        expect(kept).toEqual(live.map((w) => w.sourceId).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('a delete beats an older create delivered after it, and ties go to the delete', () => {
    const w = { ...run('2026-03-04T07:00', 8, 48), sourceId: 'x' };
    const create: ActivityEvent = { activityId: 'x', v: 1, kind: 'put', workout: w };
    const del: ActivityEvent = { activityId: 'x', v: 2, kind: 'delete' };
    const late = [del, create].reduce((s, e) => foldEvent(s, e, 'UTC'), EMPTY_FOLD);
    expect(Object.values(late.weeks).flatMap((f) => Object.keys(f.contributions))).toEqual([]);
    const tie = [{ ...del, v: 1 }, create].reduce((s, e) => foldEvent(s, e, 'UTC'), EMPTY_FOLD);
    expect(Object.values(tie.weeks).flatMap((f) => Object.keys(f.contributions))).toEqual([]);
  });

  it('keeps no name, map or heart rate: only the numbers the week model reads', () => {
    const w = { ...run('2026-03-04T07:00', 8, 48), sourceId: 'x', name: 'Morning run with Anna' };
    const state = foldEvent(EMPTY_FOLD, { activityId: 'x', v: 1, kind: 'put', workout: w }, 'UTC');
    expect(JSON.stringify(state)).not.toContain('Anna');
    expect(Object.keys(Object.values(state.weeks)[0]!.contributions.x!).sort()).toEqual(
      ['distanceM', 'kind', 'laps', 'movingTimeS', 'startUtc', 'tag', 'v'].sort(),
    );
  });
});
