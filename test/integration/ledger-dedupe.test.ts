import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoEventDedupe, eventSk } from '../../shared/adapters/dynamo/event-dedupe.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

const t0 = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;

let db: RunningDynalite;
let table: TestTable;
let ledger: DynamoLedger;
let dedupe: DynamoEventDedupe;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  ledger = new DynamoLedger(table.client, table.tableName);
  dedupe = new DynamoEventDedupe(table.client, table.tableName);
});
afterAll(async () => {
  await db.stop();
});

describe('DynamoLedger', () => {
  it('grants a key to exactly one of 10 concurrent claims', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => ledger.claim('r1', 'stretch#123', t0, 30)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ledger.claim('r1', 'stretch#123', t0, 30)).toBe(false);
  });

  it('keys are per runner and per key', async () => {
    expect(await ledger.claim('r2', 'a', t0, 30)).toBe(true);
    expect(await ledger.claim('r2', 'b', t0, 30)).toBe(true);
    expect(await ledger.claim('r3', 'a', t0, 30)).toBe(true);
  });

  it('can be claimed again after release', async () => {
    expect(await ledger.claim('r4', 'k', t0, 30)).toBe(true);
    await ledger.release('r4', 'k');
    expect(await ledger.claim('r4', 'k', t0, 30)).toBe(true);
    await ledger.release('r4', 'never-claimed'); // no error
  });

  it('treats an expired claim as absent (dynalite never deletes it)', async () => {
    expect(await ledger.claim('r5', 'k', t0, 2)).toBe(true);
    expect(await ledger.claim('r5', 'k', new Date(t0.getTime() + DAY_MS), 2)).toBe(false);
    expect(await ledger.claim('r5', 'k', new Date(t0.getTime() + 2 * DAY_MS + 1000), 2)).toBe(true);
    expect(await ledger.claim('r5', 'k', new Date(t0.getTime() + 3 * DAY_MS), 2)).toBe(false); // the new claim holds
  });
});

describe('DynamoEventDedupe', () => {
  it('records a key as new once, even under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => dedupe.record('r1', 'strava:1:create', t0, 3600)));
    expect(results.filter((r) => r === 'new')).toHaveLength(1);
    expect(await dedupe.record('r1', 'strava:2:create', t0, 3600)).toBe('new');
    expect(await dedupe.record('r2', 'strava:1:create', t0, 3600)).toBe('new'); // per runner
  });

  it('says pending until the hand-off is marked, then handed-off', async () => {
    expect(await dedupe.record('r1', 'h', t0, 3600)).toBe('new');
    expect(await dedupe.record('r1', 'h', t0, 3600)).toBe('pending');
    await dedupe.markHandedOff('r1', 'h');
    expect(await dedupe.record('r1', 'h', t0, 3600)).toBe('handed-off');
  });

  it('accepts the key again once its record expired or was forgotten', async () => {
    expect(await dedupe.record('r1', 'e', t0, 60)).toBe('new');
    await dedupe.markHandedOff('r1', 'e');
    expect(await dedupe.record('r1', 'e', new Date(t0.getTime() + 59_000), 60)).toBe('handed-off');
    expect(await dedupe.record('r1', 'e', new Date(t0.getTime() + 61_000), 60)).toBe('new');
    await dedupe.forget('r1', 'e');
    expect(await dedupe.record('r1', 'e', new Date(t0.getTime() + 62_000), 60)).toBe('new');
  });

  it('stores a fixed-size hashed key, however long the delivery key is', async () => {
    const long = 'x'.repeat(40_000);
    expect(await dedupe.record('r1', long, t0, 60)).toBe('new');
    expect(await dedupe.record('r1', long, t0, 60)).toBe('pending');
    expect(eventSk(long).length).toBeLessThan(64);
  });
});
