import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * Strava does not sign webhook events: anyone who knows a connected athlete's id can post them.
 * A flood of made-up activity ids must neither starve the runner's real run nor spend the app's
 * Strava read budget, and a made-up delete must not remove a real run.
 */
let runtime: LocalRuntime;
let client: RuntimeClient;
let athleteId: number;
const PHONE = '+4915112345678';
const fake = () => runtime.sandbox!.fake;

/** Strava API reads so far (activity GETs and activity lists). */
const reads = () =>
  fake().requests.filter((r) => r.path.startsWith('/api/v3/activities/') || r.path === '/api/v3/athlete/activities').length;

async function post(body: unknown): Promise<number> {
  const res = await fetch(`${runtime.url}/webhooks/strava`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

const forged = (objectId: number, aspect: 'create' | 'update' | 'delete', eventTime: number) => ({
  aspect_type: aspect,
  event_time: eventTime,
  object_id: objectId,
  object_type: 'activity',
  owner_id: athleteId,
  subscription_id: 1,
  updates: aspect === 'update' ? { title: `x${eventTime}` } : {},
});

/** Posts in parallel, a few at a time, like a script would. */
async function flood(bodies: unknown[]): Promise<void> {
  let next = 0;
  const statuses: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < bodies.length) statuses.push(await post(bodies[next++]));
    }),
  );
  expect(new Set(statuses)).toEqual(new Set([200]));
}

async function stretchTexts() {
  return (await client.outbox()).filter((m) => m.kind === 'post-run-stretch');
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  client = new RuntimeClient(runtime);
  await client.setClock('2026-03-03T10:00:00Z'); // 11:00 in Berlin
  expect((await client.connectStrava()).status).toBe(302);
  expect((await client.enableTexts({ phone: PHONE, timeZone: 'Europe/Berlin' })).status).toBe(200);
  athleteId = (await client.json<{ athleteId: number }>('GET', '/api/me')).body.athleteId;
});

afterAll(async () => {
  await runtime?.stop();
});

describe('a forged-event flood', () => {
  it('costs at most one Strava read per forged event, and the real run still gets its text', { timeout: 60_000 }, async () => {
    const before = reads();
    const t = Math.floor(Date.parse('2026-03-03T10:00:00Z') / 1000);
    const made = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i);
    const bodies = [
      // 100 made-up activity ids, each created once...
      ...made(100, 900_000_000).map((id) => forged(id, 'create', t)),
      // ...one made-up id posted 40 times with different times...
      ...made(40, 0).map((i) => forged(777_777_777, 'create', t + i)),
      // ...and 20 made-up updates.
      ...made(20, 910_000_000).map((id) => forged(id, 'update', t)),
    ];
    await flood(bodies.slice(0, 80));
    // The runner's real run arrives in the middle of it.
    fake().addActivity(athleteId, { sport_type: 'Run', distance: 8000 });
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await flood(bodies.slice(80));
    await runtime.drain();

    // The next quarter hour brings as many again.
    await client.setClock('2026-03-03T10:15:00Z');
    await client.runJob('due-messages');
    const second = made(100, 920_000_000).map((id) => forged(id, 'create', t + 900));
    await flood(second);
    await runtime.drain();

    // Time passes: the due job runs the waiting lists (5, 15 and 45 minutes apart).
    for (const at of ['10:20', '10:35', '11:05', '11:20', '12:05', '12:50']) {
      await client.setClock(`2026-03-03T${at}:00Z`);
      await client.runJob('due-messages');
    }

    const texts = await stretchTexts();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ to: PHONE });
    expect(texts[0]!.text).toMatch(/8\.0 km/);
    const forgedCount = bodies.length + second.length;
    const spent = reads() - before;
    // The real run's own reads are one or two (a GET, or a list then a GET).
    expect(spent - 2).toBeLessThanOrEqual(forgedCount);
    expect((spent - 2) / forgedCount).toBeLessThanOrEqual(1);
  });
});

describe('a forged delete', () => {
  it('leaves a real run in place: Strava still shows it', async () => {
    await client.setClock('2026-03-04T10:00:00Z');
    const week = async () => (await client.json<{ week: { runs: number; distanceM: number } }>('GET', '/api/me')).body.week;
    const run = fake().addActivity(athleteId, { sport_type: 'Run', distance: 5000 });
    await runtime.sandbox!.settled();
    await runtime.drain();
    const runsBefore = (await week()).runs;
    expect(await post(forged(run.id, 'delete', 1_900_000_000))).toBe(200);
    await runtime.drain();
    expect((await week()).runs).toBe(runsBefore);

    // A real delete (Strava answers 404 now) still removes it.
    fake().deleteActivity(run.id);
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await runtime.drain();
    expect((await week()).runs).toBe(runsBefore - 1);
  });

  it('of an activity never stored asks Strava nothing', async () => {
    const before = reads();
    expect(await post(forged(123_456_789, 'delete', 1_900_000_001))).toBe(200);
    await runtime.drain();
    expect(reads()).toBe(before);
  });
});

it('with a real Strava app, the local runtime does not start without the webhook subscription id', async () => {
  await expect(
    startLocalRuntime({ port: 0, dataDir: ':memory:', env: { STRAVA_CLIENT_ID: '4242' }, log: () => undefined }),
  ).rejects.toThrow(/STRAVA_SUBSCRIPTION_ID must be set/);
});
