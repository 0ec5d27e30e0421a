/**
 * Token refresh with rotation, end to end on real parts: the StravaClient, the DynamoDB token store
 * (encrypted, versioned, with its refresh lease) on dynalite, and the fake Strava on loopback HTTP.
 * Two clients stand for two Lambda containers refreshing the same athlete at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AesCipher } from '../../shared/adapters/cipher/aes-cipher.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoTokenStore } from '../../shared/adapters/dynamo/token-store.js';
import { createFakeStrava, type FakeStrava } from '../../infra/local/strava/fake-strava.js';
import { StravaClient } from '../../shared/adapters/strava/strava-client.js';
import { startDynalite, createTestTable, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
let server: Server;
let base: string;
let fake: FakeStrava;
let now = new Date('2026-03-01T07:00:00Z');
const clock = { now: () => new Date(now.getTime()) };

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
  fake = createFakeStrava({ clientId: '7', clientSecret: 'shh', now: clock.now });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void fake.handle(req, res, url.pathname).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await db.stop();
});

function client(): StravaClient {
  const tokens = new DynamoTokenStore(table.client, table.tableName, new AesCipher('integration-secret-0123456789'), clock);
  return new StravaClient({
    apiUrl: `${base}/api/v3`,
    oauthUrl: `${base}/oauth`,
    clientId: '7',
    clientSecret: 'shh',
    tokens,
    clock,
  });
}

it('refreshes once for two concurrent containers, persists the rotated token, and loses no athlete', async () => {
  const athlete = fake.addAthlete({ id: 555, firstname: 'Ana' });
  const runners = new DynamoRunnerStore(table.client, table.tableName, clock);
  const a = client();
  const code = fake.issueCode(athlete.id, 'read,activity:read_all');
  const { tokens, athlete: summary } = await a.exchangeCode(code);
  const runner = await runners.upsertRunnerForAthlete(summary);
  const store = new DynamoTokenStore(table.client, table.tableName, new AesCipher('integration-secret-0123456789'), clock);
  expect(await store.putTokens(runner.runnerId, tokens, null)).toBe(1);
  const activity = fake.addActivity(athlete.id, { sport_type: 'Run', distance: 9000 });

  // Seven hours later the access token has expired: both containers must refresh before fetching.
  now = new Date(now.getTime() + 7 * 3600_000);
  const refreshesBefore = fake.refreshCount;
  const [r1, r2] = await Promise.all([
    a.fetchWorkout(runner.runnerId, String(activity.id)),
    client().fetchWorkout(runner.runnerId, String(activity.id)),
  ]);
  expect(r1.status).toBe('ok');
  expect(r2.status).toBe('ok');
  expect(fake.refreshCount - refreshesBefore).toBe(1);

  const stored = await store.getTokens(runner.runnerId);
  expect(stored!.tokens.refreshToken).not.toBe(tokens.refreshToken);
  expect(stored!.tokens.expiresAt).toBeGreaterThan(now.getTime() / 1000);
  // The old refresh token is spent at Strava: only the persisted one works from now on.
  const spent = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: '7',
      client_secret: 'shh',
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
    }),
  });
  expect(spent.status).toBe(400);

  // Nothing in the table holds a token in plain text.
  const raw = JSON.stringify(await table.scanAll());
  expect(raw).not.toContain(stored!.tokens.refreshToken);
  expect(raw).not.toContain(stored!.tokens.accessToken);
});
