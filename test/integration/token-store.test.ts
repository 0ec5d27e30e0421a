import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { AesCipher } from '../../shared/adapters/cipher/aes-cipher.js';
import { DynamoTokenStore } from '../../shared/adapters/dynamo/token-store.js';
import { key } from '../../shared/adapters/dynamo/table.js';
import type { TrackerTokens } from '../../shared/domain/types.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

const tokensA: TrackerTokens = {
  accessToken: 'access-PLAINTEXT-aaa111',
  refreshToken: 'refresh-PLAINTEXT-bbb222',
  expiresAt: 1_772_000_000,
  scopes: ['read', 'activity:read_all'],
};
const tokensB: TrackerTokens = { ...tokensA, accessToken: 'access-PLAINTEXT-ccc333', expiresAt: 1_772_021_600 };
const t0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

let db: RunningDynalite;
let table: TestTable;
let store: DynamoTokenStore;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  store = new DynamoTokenStore(table.client, table.tableName, new AesCipher('test-secret-0123456789'));
});
afterAll(async () => {
  await db.stop();
});

describe('DynamoTokenStore tokens', () => {
  it('stores tokens encrypted at rest and reads them back', async () => {
    expect(await store.getTokens('r1')).toBeNull();
    expect(await store.putTokens('r1', tokensA, null)).toBe(1);
    expect(await store.getTokens('r1')).toEqual({ tokens: tokensA, version: 1 });

    const raw = (
      await table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: key.runner('r1'), sk: 'TOKENS#strava' } }))
    ).Item;
    const text = JSON.stringify(raw);
    expect(text).not.toContain('PLAINTEXT');
    expect(text).not.toContain('activity:read_all');
    expect(raw?.ciphertext).toMatch(/^v1\./);
  });

  it('is optimistic: a stale version or a second first-write loses, force overwrites', async () => {
    expect(await store.putTokens('r2', tokensA, null)).toBe(1);
    expect(await store.putTokens('r2', tokensB, null)).toBeNull(); // already stored
    expect(await store.putTokens('r2', tokensB, 1)).toBe(2);
    expect(await store.putTokens('r2', tokensA, 1)).toBeNull(); // stale writer
    expect(await store.getTokens('r2')).toEqual({ tokens: tokensB, version: 2 });
    expect(await store.putTokens('r2', tokensA, null, { force: true })).toBe(3);
    expect(await store.getTokens('r2')).toEqual({ tokens: tokensA, version: 3 });
    expect(await store.putTokens('nobody', tokensA, 5)).toBeNull(); // a version for nothing stored
  });

  it('lets exactly one of many concurrent writers of the same version win', async () => {
    await store.putTokens('r3', tokensA, null);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.putTokens('r3', tokensB, 1)));
    expect(results.filter((v) => v === 2)).toHaveLength(1);
    expect(results.filter((v) => v === null)).toHaveLength(9);
  });

  it('binds the ciphertext to its runner', async () => {
    await store.putTokens('r4', tokensA, null);
    const raw = (
      await table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: key.runner('r4'), sk: 'TOKENS#strava' } }))
    ).Item;
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...raw, pk: key.runner('r5') } }));
    await expect(store.getTokens('r5')).rejects.toThrow(/decryption failed/);
  });
});

describe('DynamoTokenStore refresh lease', () => {
  it('is exclusive until it expires, then another holder takes over', async () => {
    expect(await store.acquireRefreshLease('L1', 'a', t0, 30_000)).toBe(true);
    expect(await store.acquireRefreshLease('L1', 'b', at(1_000), 30_000)).toBe(false);
    expect(await store.acquireRefreshLease('L1', 'a', at(2_000), 30_000)).toBe(true); // re-entrant, extends
    expect(await store.acquireRefreshLease('L1', 'b', at(31_000), 30_000)).toBe(false); // a extended to 32 s
    expect(await store.acquireRefreshLease('L1', 'b', at(32_000), 30_000)).toBe(true); // expired: takeover
    // a's late release must not free b's lease.
    await store.releaseRefreshLease('L1', 'a');
    expect(await store.acquireRefreshLease('L1', 'c', at(33_000), 30_000)).toBe(false);
    await store.releaseRefreshLease('L1', 'b');
    expect(await store.acquireRefreshLease('L1', 'c', at(33_000), 30_000)).toBe(true);
  });

  it('goes to exactly one of ten concurrent holders', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.acquireRefreshLease('L2', `h${i}`, t0, 30_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('leases are per runner', async () => {
    expect(await store.acquireRefreshLease('L3', 'a', t0, 30_000)).toBe(true);
    expect(await store.acquireRefreshLease('L4', 'b', t0, 30_000)).toBe(true);
  });
});
