import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesCipher } from '../../shared/adapters/cipher/aes-cipher.js';
import { DynamoBackfillStore } from '../../shared/adapters/dynamo/backfill-store.js';
import { DynamoCheckInStore } from '../../shared/adapters/dynamo/checkin-store.js';
import { DynamoJobScheduleStore } from '../../shared/adapters/dynamo/job-schedule-store.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoRunnerItems } from '../../shared/adapters/dynamo/runner-items.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoTokenStore } from '../../shared/adapters/dynamo/token-store.js';
import { DynamoWeekFiguresStore } from '../../shared/adapters/dynamo/week-figures-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import type { Workout } from '../../shared/domain/types.js';
import { exportRunnerData } from '../../shared/usecases/export-runner-data.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';
import { testRun } from '../support/workouts.js';

let now = new Date('2026-03-04T12:00:00.000Z');
const clock = { now: () => now };

let db: RunningDynalite;
let table: TestTable;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(async () => {
  await db.stop();
});

const run = (runnerId: string, sourceId: string, startUtc: string): Workout =>
  testRun(runnerId, startUtc, { sourceId, name: 'Lunch Run', movingTimeS: 2880, elapsedTimeS: 3000 });

describe('GET /api/me/export (exportRunnerData on dynalite)', () => {
  it('returns every kind of item the runner has, never the tokens, and no tracker data past its retention', async () => {
    const { client, tableName } = table;
    const runners = new DynamoRunnerStore(client, tableName, clock);
    const runner = await runners.upsertRunnerForAthlete({ athleteId: 909, firstName: 'Ida', measurementPreference: 'meters' });
    const id = runner.runnerId;
    const tokens = new DynamoTokenStore(client, tableName, new AesCipher('export-test-secret-0123456789'), clock);
    await tokens.putTokens(
      id,
      { accessToken: 'secret-access', refreshToken: 'secret-refresh', expiresAt: 1, scopes: ['read'] },
      null,
    );
    const workouts = new DynamoWorkoutStore(client, tableName, { days: 7, clock });
    const figures = new DynamoWeekFiguresStore(client, tableName);
    const old = run(id, '1', '2026-02-20T06:00:00.000Z');
    await workouts.putWorkout(old); // fetched "now", so it expires on 2026-03-11
    await figures.apply(id, 'UTC', { activityId: '1', v: 1, kind: 'put', workout: old });
    const checkIns = new DynamoCheckInStore(client, tableName);
    await checkIns.addCoreSession({ runnerId: id, localDate: '2026-03-03', source: 'check-in', sourceId: 'c1', explicit: true });
    await checkIns.recordBackPain(id, '2026-W10', false, now);
    await checkIns.recordPlankTest(id, { date: '2026-03-03', kind: 'completed' });
    await new DynamoLedger(client, tableName).claim(id, 'core-nudge#2026-03-03', now, { ttlDays: 30, leaseSeconds: 60 });
    await new DynamoJobScheduleStore(client, tableName).setNextRun(id, 'weekly-digest', new Date('2026-03-08T18:00:00Z'));
    await new DynamoBackfillStore(client, tableName).startCursor(id, {
      after: '2025-09-04T12:00:00.000Z',
      before: now.toISOString(),
      nextPage: 1,
      imported: 0,
      startedAt: now.toISOString(),
    });

    const items = new DynamoRunnerItems(client, tableName);
    const exported = await exportRunnerData(id, { items, clock });
    expect(Object.keys(exported.data).sort()).toEqual(
      [
        'activityVersions',
        'backPainAnswers',
        'coreSessions',
        'historyImport',
        'jobSchedule',
        'messagesSent',
        'plankTests',
        'profile',
        'trackerActivities',
        'trackerConnection',
        'weeklyFigures',
      ].sort(),
    );
    expect(exported.data.trackerConnection).toEqual([{ tracker: 'strava', stored: true }]);
    expect(JSON.stringify(exported)).not.toMatch(/secret-access|secret-refresh|ciphertext/i);
    expect(exported.bookkeeping).toEqual({ activity: 1 });

    // Eight days on, the raw activity is past its retention: gone from the export, the week stays.
    now = new Date('2026-03-12T12:00:00.000Z');
    const later = await exportRunnerData(id, { items, clock });
    expect(later.data.trackerActivities).toBeUndefined();
    expect(later.data.weeklyFigures).toHaveLength(1);
  });
});
