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

const opts = (ttlDays: number, leaseSeconds = 600) => ({ ttlDays, leaseSeconds });
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('DynamoLedger (two-phase)', () => {
  it('grants a key to exactly one of 10 concurrent claims; the rest see it in flight', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => ledger.claim('r1', 'stretch#123', t0, opts(30))));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'in-flight')).toHaveLength(9);
    await ledger.recordSent('r1', 'stretch#123', 'msg-1', t0);
    expect(await ledger.claim('r1', 'stretch#123', t0, opts(30))).toBe('done');
  });

  it('keys are per runner and per key', async () => {
    expect(await ledger.claim('r2', 'a', t0, opts(30))).toBe('claimed');
    expect(await ledger.claim('r2', 'b', t0, opts(30))).toBe('claimed');
    expect(await ledger.claim('r3', 'a', t0, opts(30))).toBe('claimed');
  });

  it('can be claimed again after release', async () => {
    expect(await ledger.claim('r4', 'k', t0, opts(30))).toBe('claimed');
    await ledger.release('r4', 'k');
    expect(await ledger.claim('r4', 'k', t0, opts(30))).toBe('claimed');
    await ledger.release('r4', 'never-claimed'); // no error
  });

  it('a claim with no message id is taken again once its lease passes (a crash before the send)', async () => {
    expect(await ledger.claim('r6', 'k', t0, opts(30, 600))).toBe('claimed');
    expect(await ledger.claim('r6', 'k', at(599_000), opts(30, 600))).toBe('in-flight');
    expect(await ledger.claim('r6', 'k', at(601_000), opts(30, 600))).toBe('claimed');
    await ledger.recordSent('r6', 'k', 'msg-6', at(602_000));
    // Sent: never taken again, however long after the lease.
    expect(await ledger.claim('r6', 'k', at(5 * DAY_MS), opts(30, 600))).toBe('done');
  });

  it('a held key is done for a fresh send, takeable by the due job, and back to held on release', async () => {
    expect(await ledger.claim('r7', 'k', t0, opts(30))).toBe('claimed');
    await ledger.recordHeld('r7', 'k', '2026-03-02T07:00:00.000Z');
    expect(await ledger.claim('r7', 'k', at(1000), opts(30))).toBe('done');
    expect(await ledger.claim('r7', 'k', at(2000), { ...opts(30), takeHeld: true })).toBe('claimed');
    expect(await ledger.claim('r7', 'k', at(3000), { ...opts(30), takeHeld: true })).toBe('in-flight');
    await ledger.release('r7', 'k');
    expect(await ledger.claim('r7', 'k', at(4000), opts(30))).toBe('done'); // held again, not deleted
    expect(await ledger.claim('r7', 'k', at(5000), { ...opts(30), takeHeld: true })).toBe('claimed');
  });

  it('treats an expired entry as absent (dynalite never deletes it)', async () => {
    expect(await ledger.claim('r5', 'k', t0, opts(2))).toBe('claimed');
    await ledger.recordSent('r5', 'k', 'm', t0);
    expect(await ledger.claim('r5', 'k', at(DAY_MS), opts(2))).toBe('done');
    expect(await ledger.claim('r5', 'k', at(2 * DAY_MS + 1000), opts(2))).toBe('claimed');
    await ledger.recordSent('r5', 'k', 'm2', at(2 * DAY_MS + 1000));
    expect(await ledger.claim('r5', 'k', at(3 * DAY_MS), opts(2))).toBe('done'); // the new entry holds
  });

  it('recording on a removed entry writes nothing back (the runner was deleted meanwhile)', async () => {
    expect(await ledger.claim('r8', 'k', t0, opts(30))).toBe('claimed');
    await ledger.release('r8', 'k');
    await ledger.recordSent('r8', 'k', 'm', t0);
    expect(await ledger.claim('r8', 'k', t0, opts(30))).toBe('claimed');
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
