import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { key } from '../../shared/adapters/dynamo/table.js';
import type { Workout } from '../../shared/domain/types.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
let store: DynamoWorkoutStore;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  store = new DynamoWorkoutStore(table.client, table.tableName);
});
afterAll(async () => {
  await db.stop();
});

function workout(runnerId: string, sourceId: string, localDate: string, overrides: Partial<Workout> = {}): Workout {
  return {
    runnerId,
    source: 'strava',
    sourceId,
    // The name is not stored (no text quotes it): it reads back empty.
    name: '',
    sport: 'Run',
    tag: 'default',
    distanceM: 8000,
    movingTimeS: 2400,
    elapsedTimeS: 2500,
    startUtc: `${localDate}T06:30:00.000Z`,
    startLocal: `${localDate}T07:30:00`,
    localDate,
    timeZone: 'Europe/Berlin',
    manual: false,
    laps: [{ lapIndex: 1, distanceM: 1000, movingTimeS: 300, averageSpeed: 3.33 }],
    ...overrides,
  };
}

async function rawWorkoutItems(runnerId: string) {
  return (await table.scanAll()).filter((i) => i.pk === key.runner(runnerId) && String(i.sk).startsWith('WORKOUT#'));
}

describe('DynamoWorkoutStore', () => {
  it('puts and gets a workout by activity id', async () => {
    // An undefined field is dropped on write (removeUndefinedValues), not an error.
    const w = workout('w1', '111', '2026-03-01', { subject: undefined } as Partial<Workout>);
    await store.putWorkout(w);
    expect(await store.getWorkout('w1', '111')).toEqual(workout('w1', '111', '2026-03-01'));
    expect(await store.getWorkout('w1', '999')).toBeNull();
    expect(await store.getWorkout('other', '111')).toBeNull();
  });

  it('overwrites in place when the date is unchanged', async () => {
    await store.putWorkout(workout('w2', '222', '2026-03-02'));
    await store.putWorkout(workout('w2', '222', '2026-03-02', { tag: 'race', distanceM: 9000 }));
    expect(await store.getWorkout('w2', '222')).toMatchObject({ tag: 'race', distanceM: 9000 });
    expect(await rawWorkoutItems('w2')).toHaveLength(1);
  });

  it('moves the item when the local date changes (no stale copy left behind)', async () => {
    await store.putWorkout(workout('w3', '333', '2026-03-03'));
    await store.putWorkout(workout('w3', '333', '2026-03-04', { timeZone: 'Asia/Tokyo' }));
    expect(await store.getWorkout('w3', '333')).toMatchObject({ localDate: '2026-03-04', timeZone: 'Asia/Tokyo' });
    const raw = await rawWorkoutItems('w3');
    expect(raw.map((i) => i.sk)).toEqual(['WORKOUT#2026-03-04#333']);
    expect(await store.listWorkouts('w3', '2026-03-03', '2026-03-03')).toEqual([]);
  });

  it('keeps one item when concurrent writers move the same activity to different dates', async () => {
    await store.putWorkout(workout('w4', '444', '2026-03-01'));
    await Promise.all(['2026-03-05', '2026-03-06', '2026-03-07'].map((d) => store.putWorkout(workout('w4', '444', d))));
    const raw = await rawWorkoutItems('w4');
    expect(raw).toHaveLength(1);
    expect((await store.getWorkout('w4', '444'))?.localDate).toBe(String(raw[0]?.sk).slice(8, 18));
  });

  it('deletes by activity id', async () => {
    await store.putWorkout(workout('w5', '555', '2026-03-01'));
    expect(await store.deleteWorkout('w5', '555')).toBe(true);
    expect(await store.getWorkout('w5', '555')).toBeNull();
    expect(await store.deleteWorkout('w5', '555')).toBe(false);
    expect((await table.scanAll()).filter((i) => i.pk === key.runner('w5'))).toEqual([]);
  });

  it('lists an inclusive date range, oldest first, only for that runner', async () => {
    await store.putWorkout(workout('w6', '9', '2026-02-27'));
    await store.putWorkout(workout('w6', '8', '2026-02-28', { startUtc: '2026-02-28T18:00:00.000Z' }));
    await store.putWorkout(workout('w6', '10', '2026-02-28', { startUtc: '2026-02-28T06:00:00.000Z' }));
    await store.putWorkout(workout('w6', '7', '2026-03-01'));
    await store.putWorkout(workout('w6', '6', '2026-03-02'));
    await store.putWorkout(workout('w7', '5', '2026-02-28'));
    const list = await store.listWorkouts('w6', '2026-02-28', '2026-03-01');
    expect(list.map((w) => w.sourceId)).toEqual(['10', '8', '7']);
    expect(list.every((w) => w.runnerId === 'w6')).toBe(true);
    expect(list[0]).toEqual(workout('w6', '10', '2026-02-28', { startUtc: '2026-02-28T06:00:00.000Z' }));
  });
});
