import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AesCipher } from '../../shared/adapters/cipher/aes-cipher.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoTokenStore } from '../../shared/adapters/dynamo/token-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { TABLE, key } from '../../shared/adapters/dynamo/table.js';
import type { Workout } from '../../shared/domain/types.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

const clock = { now: () => new Date('2026-03-01T12:00:00.000Z') };

let db: RunningDynalite;
let table: TestTable;
let runners: DynamoRunnerStore;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  runners = new DynamoRunnerStore(table.client, table.tableName, clock);
});
afterAll(async () => {
  await db.stop();
});

describe('DynamoRunnerStore', () => {
  it('creates a runner with default settings and finds it by athlete', async () => {
    const runner = await runners.upsertRunnerForAthlete({
      athleteId: 101,
      firstName: 'Ada',
      measurementPreference: 'meters',
      timeZone: 'Europe/Berlin',
    });
    expect(runner).toMatchObject({
      athleteId: 101,
      firstName: 'Ada',
      measurementPreference: 'meters',
      createdAt: '2026-03-01T12:00:00.000Z',
      settings: { phone: null, email: null, timeZone: 'Europe/Berlin', channels: { sms: true, email: true } },
    });
    expect(await runners.findRunnerByAthlete(101)).toEqual(runner);
    expect(await runners.getRunner(runner.runnerId)).toEqual(runner);
    expect(await runners.findRunnerByAthlete(999)).toBeNull();
    expect(await runners.getRunner('nobody')).toBeNull();
  });

  it('gives one athlete one runner under concurrent upserts', async () => {
    const input = { athleteId: 202, firstName: 'Bo', measurementPreference: 'feet' as const };
    // Record failed conditions, to be sure the race (both saw no lookup, one lost the put) happened.
    const failures: string[] = [];
    const spying = new Proxy(table.client, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return async (command: Parameters<typeof target.send>[0]) => {
          try {
            return await target.send(command);
          } catch (err) {
            failures.push((err as Error).name);
            throw err;
          }
        };
      },
    });
    const racing = new DynamoRunnerStore(spying, table.tableName, clock);
    const results = await Promise.all(Array.from({ length: 8 }, () => racing.upsertRunnerForAthlete(input)));
    expect(failures).toContain('ConditionalCheckFailedException');
    const ids = new Set(results.map((r) => r.runnerId));
    expect(ids.size).toBe(1);
    const raw = await table.scanAll();
    expect(raw.filter((i) => i.pk === key.athlete(202))).toHaveLength(1);
    expect(raw.filter((i) => i.sk === 'PROFILE' && i.athleteId === 202)).toHaveLength(1);
  });

  it('refreshes name and units on a repeat upsert but keeps settings', async () => {
    const first = await runners.upsertRunnerForAthlete({ athleteId: 303, firstName: 'Cy', measurementPreference: 'meters' });
    const settings = { ...first.settings, phone: '+14155550123', timeZone: 'America/New_York' };
    await runners.updateSettings(first.runnerId, settings);
    const again = await runners.upsertRunnerForAthlete({
      athleteId: 303,
      firstName: 'Cyrus',
      measurementPreference: 'feet',
      timeZone: 'Asia/Tokyo',
    });
    expect(again).toEqual({ ...first, firstName: 'Cyrus', measurementPreference: 'feet', settings });
  });

  it('repairs a lookup whose profile write was lost', async () => {
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: key.athlete(808), sk: 'ATHLETE', runnerId: 'orphan-1', athleteId: 808 },
      }),
    );
    const runner = await runners.upsertRunnerForAthlete({ athleteId: 808, firstName: 'Hal', measurementPreference: 'meters' });
    expect(runner.runnerId).toBe('orphan-1');
    expect(await runners.getRunner('orphan-1')).toEqual(runner);
  });

  it('updates settings and refuses an unknown runner', async () => {
    const runner = await runners.upsertRunnerForAthlete({ athleteId: 404, firstName: 'Di', measurementPreference: 'meters' });
    const settings = {
      phone: '+447700900123',
      email: 'di@example.com',
      timeZone: 'Europe/London',
      quietHours: { start: '22:00', end: '06:30' },
      channels: { sms: false, email: true },
    };
    expect(await runners.updateSettings(runner.runnerId, settings)).toEqual({ ...runner, settings });
    expect((await runners.getRunner(runner.runnerId))?.settings).toEqual(settings);
    await expect(runners.updateSettings('missing', settings)).rejects.toThrow(/not found/);
    expect(await runners.getRunner('missing')).toBeNull(); // the failed update created nothing
  });

  it('adopts a tracker zone only while the runner has not chosen one, touching nothing else', async () => {
    const runner = await runners.upsertRunnerForAthlete({ athleteId: 505, firstName: 'Ed', measurementPreference: 'meters' });
    expect(runner.settings.timeZone).toBe('UTC');
    // A settings save that does not name a zone (e.g. the phone) lands between read and adoption.
    await runners.updateSettings(runner.runnerId, { ...runner.settings, phone: '+14155550123' });
    const adopted = await runners.adoptTimeZone(runner.runnerId, { from: 'UTC', to: 'America/New_York' });
    expect(adopted?.settings).toEqual({ ...runner.settings, phone: '+14155550123', timeZone: 'America/New_York' });
    expect(adopted?.settings.timeZoneSetByRunner).toBeUndefined();
    // Compare-and-set: a zone that moved on since it was read (another adoption) is left alone.
    expect(await runners.adoptTimeZone(runner.runnerId, { from: 'UTC', to: 'America/Denver' })).toBeNull();
    // A flag explicitly false still follows the tracker.
    await runners.updateSettings(runner.runnerId, { ...adopted!.settings, timeZoneSetByRunner: false });
    const again = await runners.adoptTimeZone(runner.runnerId, { from: 'America/New_York', to: 'America/Chicago' });
    expect(again?.settings.timeZone).toBe('America/Chicago');

    // Once the runner picked a zone, the tracker's never wins.
    const chosen = { ...again!.settings, timeZone: 'Europe/Berlin', timeZoneSetByRunner: true };
    await runners.updateSettings(runner.runnerId, chosen);
    expect(await runners.adoptTimeZone(runner.runnerId, { from: 'Europe/Berlin', to: 'America/Denver' })).toBeNull();
    expect((await runners.getRunner(runner.runnerId))?.settings).toEqual(chosen);
    expect(await runners.adoptTimeZone('missing', { from: 'UTC', to: 'America/Denver' })).toBeNull();
    expect(await runners.getRunner('missing')).toBeNull();
  });

  it('deleteRunner removes every item of the runner, the lookup and its GSI entries, and nothing else', async () => {
    const victim = await runners.upsertRunnerForAthlete({ athleteId: 505, firstName: 'Ed', measurementPreference: 'meters' });
    const bystander = await runners.upsertRunnerForAthlete({ athleteId: 606, firstName: 'Flo', measurementPreference: 'meters' });
    const tokens = new DynamoTokenStore(table.client, table.tableName, new AesCipher('test-secret-0123456789'));
    const workouts = new DynamoWorkoutStore(table.client, table.tableName);
    const ledger = new DynamoLedger(table.client, table.tableName);
    const due = new DynamoDueQueue(table.client, table.tableName);
    const now = new Date('2026-03-01T12:00:00.000Z');
    for (const r of [victim, bystander]) {
      await tokens.putTokens(r.runnerId, { accessToken: 'a', refreshToken: 'r', expiresAt: 1, scopes: ['read'] }, null);
      await tokens.acquireRefreshLease(r.runnerId, 'h', now, 30_000);
      await ledger.claim(r.runnerId, 'stretch#1', now, { ttlDays: 30, leaseSeconds: 600 });
      await due.schedule({
        runnerId: r.runnerId,
        id: 'held-1',
        dueAt: '2026-03-01T11:00:00.000Z',
        payload: {
          type: 'event',
          event: { detailType: 'workout.deleted', detail: { runnerId: r.runnerId, sourceId: '1' } },
          attempt: 1,
        },
      });
    }
    // 30 workouts = 60 items (workout + pointer): more than two BatchWrite chunks of 25.
    for (let i = 0; i < 30; i++) await workouts.putWorkout(workout(victim.runnerId, String(1000 + i)));

    await runners.deleteRunner(victim.runnerId);

    const raw = await table.scanAll();
    expect(raw.filter((i) => i.pk === key.runner(victim.runnerId))).toEqual([]);
    expect(raw.filter((i) => i.pk === key.athlete(505))).toEqual([]);
    expect(JSON.stringify(raw)).not.toContain(victim.runnerId);
    expect(raw.filter((i) => i.pk === key.runner(bystander.runnerId)).length).toBe(5);
    const gsi = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: TABLE.gsi1.name,
        KeyConditionExpression: 'gsi1pk = :b',
        ExpressionAttributeValues: { ':b': 'DUE#2026-03-01T11' },
      }),
    );
    expect(gsi.Items?.map((i) => i.runnerId)).toEqual([bystander.runnerId]);
    expect(await runners.findRunnerByAthlete(505)).toBeNull();
    expect(await runners.findRunnerByAthlete(606)).toEqual(bystander);
    // Idempotent: a retry after success is a no-op.
    await runners.deleteRunner(victim.runnerId);
  });

  it('a re-connect after deletion creates a new runner', async () => {
    const old = await runners.upsertRunnerForAthlete({ athleteId: 707, firstName: 'Gus', measurementPreference: 'meters' });
    await runners.deleteRunner(old.runnerId);
    const fresh = await runners.upsertRunnerForAthlete({ athleteId: 707, firstName: 'Gus', measurementPreference: 'meters' });
    expect(fresh.runnerId).not.toBe(old.runnerId);
  });
});

function workout(runnerId: string, sourceId: string): Workout {
  return {
    runnerId,
    source: 'strava',
    sourceId,
    name: 'Morning Run',
    sport: 'Run',
    tag: 'default',
    distanceM: 5000,
    movingTimeS: 1500,
    elapsedTimeS: 1600,
    startUtc: '2026-02-28T06:30:00.000Z',
    startLocal: '2026-02-28T07:30:00',
    localDate: '2026-02-28',
    timeZone: 'Europe/Berlin',
    manual: false,
    laps: [],
  };
}
