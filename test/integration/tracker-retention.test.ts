import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { key } from '../../shared/adapters/dynamo/table.js';
import { DynamoWeekFiguresStore } from '../../shared/adapters/dynamo/week-figures-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import type { Workout } from '../../shared/domain/types.js';
import type { ActivityEvent } from '../../shared/domain/week/figures.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

/** A clock the test moves: the store reads it for every write and read. */
let now = new Date('2026-03-04T12:00:00.000Z');
const clock = { now: () => now };

let db: RunningDynalite;
let table: TestTable;
let workouts: DynamoWorkoutStore;
let figures: DynamoWeekFiguresStore;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  workouts = new DynamoWorkoutStore(table.client, table.tableName, { days: 7, clock });
  figures = new DynamoWeekFiguresStore(table.client, table.tableName);
});
afterAll(async () => {
  await db.stop();
});

function workout(runnerId: string, sourceId: string, startUtc: string, overrides: Partial<Workout> = {}): Workout {
  return {
    runnerId,
    source: 'strava',
    sourceId,
    name: 'Run with Anna to the lake',
    sport: 'Run',
    tag: 'default',
    distanceM: 8000,
    movingTimeS: 2880,
    elapsedTimeS: 3000,
    startUtc,
    startLocal: startUtc.slice(0, 19),
    localDate: startUtc.slice(0, 10),
    timeZone: 'UTC',
    manual: false,
    laps: [{ lapIndex: 1, distanceM: 1000, movingTimeS: 300, averageSpeed: 3.33 }],
    ...overrides,
  };
}

const put = (w: Workout, v: number): ActivityEvent => ({ activityId: w.sourceId, v, kind: 'put', workout: w });
const contributionIds = (weeks: { contributions: Record<string, unknown> }[]) =>
  weeks.flatMap((w) => Object.keys(w.contributions)).sort();

describe('tracker data retention (TRACKER_DATA_DAYS)', () => {
  it('a raw activity is readable for 7 days after it was fetched and not after; the name is never stored', async () => {
    now = new Date('2026-03-04T12:00:00.000Z');
    const w = workout('ret1', '9001', '2026-03-04T06:00:00.000Z');
    await workouts.putWorkout(w);
    expect(await workouts.getWorkout('ret1', '9001')).toMatchObject({ distanceM: 8000, name: '' });
    expect(await workouts.listWorkouts('ret1', '2026-03-01', '2026-03-08')).toHaveLength(1);
    const raw = (await table.scanAll()).filter((i) => i.pk === key.runner('ret1'));
    expect(JSON.stringify(raw)).not.toContain('Anna');
    // Every item of Strava origin carries the expiry the table's TTL deletes on AWS.
    const expiry = Date.parse('2026-03-11T12:00:00.000Z') / 1000;
    expect(raw.map((i) => i.ttl)).toEqual([expiry, expiry]);

    now = new Date('2026-03-11T11:59:59.000Z');
    expect(await workouts.getWorkout('ret1', '9001')).not.toBeNull();
    now = new Date('2026-03-11T12:00:00.000Z');
    expect(await workouts.getWorkout('ret1', '9001')).toBeNull();
    expect(await workouts.listWorkouts('ret1', '2026-03-01', '2026-03-08')).toEqual([]);
  });

  it('a re-fetch (an update) after expiry stores the activity again, with a new expiry', async () => {
    now = new Date('2026-03-20T12:00:00.000Z');
    await workouts.putWorkout(workout('ret1', '9001', '2026-03-04T06:00:00.000Z', { distanceM: 9000 }));
    expect(await workouts.getWorkout('ret1', '9001')).toMatchObject({ distanceM: 9000 });
  });
});

describe('weekly figures store', () => {
  it('folds creates, updates and deletes in any order, with duplicates, into the final set', async () => {
    const a = workout('fig1', 'a', '2026-03-03T06:00:00.000Z');
    const aMoved = workout('fig1', 'a', '2026-03-10T06:00:00.000Z', { distanceM: 10_000 });
    const b = workout('fig1', 'b', '2026-03-05T06:00:00.000Z');
    const ride = workout('fig1', 'c', '2026-03-05T08:00:00.000Z', { sport: 'Ride' });
    const events: ActivityEvent[] = [
      put(aMoved, 3),
      put(b, 1),
      { activityId: 'b', v: 2, kind: 'delete' },
      put(a, 1),
      put(b, 1), // redelivered after its delete
      put(aMoved, 3),
      put(ride, 1),
    ];
    for (const e of events) await figures.apply('fig1', 'UTC', e);

    const weeks = await figures.listWeeks('fig1', '2026-03-02', '2026-03-09');
    expect(contributionIds(weeks)).toEqual(['a']);
    expect(weeks.find((w) => w.weekStart === '2026-03-09')?.contributions.a).toMatchObject({ v: 3, distanceM: 10_000 });
    expect(JSON.stringify(weeks)).not.toContain('Anna');
  });

  it('concurrent folds of one activity into different weeks: only the newest version counts', async () => {
    const v1 = workout('fig2', 'x', '2026-03-03T06:00:00.000Z');
    const v2 = workout('fig2', 'x', '2026-03-17T06:00:00.000Z');
    await Promise.all([figures.apply('fig2', 'UTC', put(v1, 1)), figures.apply('fig2', 'UTC', put(v2, 2))]);
    const weeks = await figures.listWeeks('fig2', '2026-03-02', '2026-03-16');
    expect(weeks.flatMap((w) => Object.entries(w.contributions).map(([id, c]) => [w.weekStart, id, c.v]))).toEqual([
      ['2026-03-16', 'x', 2],
    ]);
  });
});

describe('deleting a runner', () => {
  it('leaves no item of theirs: raw activities, weekly figures and their index', async () => {
    const runners = new DynamoRunnerStore(table.client, table.tableName, clock);
    const runner = await runners.upsertRunnerForAthlete({ athleteId: 808, firstName: 'Gus', measurementPreference: 'meters' });
    for (let i = 0; i < 12; i++) {
      const w = workout(
        runner.runnerId,
        String(500 + i),
        new Date(Date.parse('2026-01-05T06:00:00Z') + i * 2 * 86_400_000).toISOString(),
      );
      await workouts.putWorkout(w);
      await figures.apply(runner.runnerId, 'UTC', put(w, 1));
    }
    await figures.apply(runner.runnerId, 'UTC', { activityId: '500', v: 2, kind: 'delete' });
    expect((await table.scanAll()).filter((i) => i.pk === key.runner(runner.runnerId)).length).toBeGreaterThan(30);

    await runners.deleteRunner(runner.runnerId);

    const raw = await table.scanAll();
    expect(raw.filter((i) => i.pk === key.runner(runner.runnerId) || i.pk === key.athlete(808))).toEqual([]);
    expect(JSON.stringify(raw)).not.toContain(runner.runnerId);
  });
});
