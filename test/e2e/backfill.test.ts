import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * The history import end to end through the local runtime: an athlete with past activities in the
 * Strava sandbox connects; `runner.connected` → history-backfill → the Strava list → the workout
 * store. History fills the week from day one and never produces a text.
 */
let runtime: LocalRuntime;

const fake = () => runtime.sandbox!.fake;
const isoSeconds = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
const activityListRequests = () => fake().requests.filter((r) => r.path === '/api/v3/athlete/activities').length;

/** This week (ISO week 2026-W11, Mon 9 – Sun 15 March): three runs and a ride, all before "now". */
const THIS_WEEK = [
  { start_date: '2026-03-09T07:00:00Z', sport_type: 'Run', distance: 10_000 },
  { start_date: '2026-03-10T17:00:00Z', sport_type: 'Run', distance: 6_000 },
  { start_date: '2026-03-11T06:30:00Z', sport_type: 'Ride', distance: 30_000 },
  // Three hours before "now": a run this fresh would get a stretch text if it came by webhook.
  { start_date: '2026-03-12T06:00:00Z', sport_type: 'Run', distance: 5_000 },
] as const;

/** An athlete in the sandbox with 4 activities this week, 36 older ones within 6 months and 2 beyond. */
function athleteWithHistory(id: number, firstname: string): void {
  fake().addAthlete({ id, firstname });
  for (const a of THIS_WEEK) fake().addActivity(id, { ...a, start_date: isoSeconds(a.start_date) });
  for (let i = 1; i <= 36; i++) {
    // Every 4 days back from Saturday 7 March, mornings: back to mid-October 2025.
    const start = new Date(Date.parse('2026-03-07T07:00:00Z') - (i - 1) * 4 * 86_400_000);
    fake().addActivity(id, { start_date: isoSeconds(start.toISOString()), sport_type: i % 5 === 0 ? 'Ride' : 'Run' });
  }
  for (const start of ['2025-08-01T07:00:00Z', '2025-07-15T07:00:00Z']) {
    fake().addActivity(id, { start_date: start, sport_type: 'Run' });
  }
}

async function week(client: RuntimeClient) {
  const me = await client.json<{ week: { week: string; runs: number; distanceM: number } }>('GET', '/api/me');
  expect(me.status).toBe(200);
  return me.body.week;
}

beforeAll(async () => {
  // The scheduler stays idle: the test runs due-messages itself, so nothing races it.
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined, schedulerTickMs: 3_600_000 });
});

afterAll(async () => {
  await runtime?.stop();
});

describe('history backfill on connect', () => {
  it('imports past activities so this week counts from day one, without any text', async () => {
    const client = new RuntimeClient(runtime);
    await client.setClock('2026-03-12T09:00:00Z'); // Thursday
    athleteWithHistory(300_003, 'Hilde');
    // Activities of an athlete who has not authorized the app produce no webhooks.
    expect(await runtime.sandbox!.settled()).toEqual([]);

    expect((await client.connectStrava()).status).toBe(302);
    await runtime.drain();

    expect(await client.outbox()).toEqual([]);
    expect(await week(client)).toMatchObject({ week: '2026-W11', runs: 3, distanceM: 21_000 });
    // 40 activities in range: one page of 100.
    expect(activityListRequests()).toBe(1);
  });

  it('history imported after a rate-limit pause still texts nobody, while a new run does', async () => {
    const client = new RuntimeClient(runtime);
    await client.setClock('2026-03-12T09:05:00Z');
    athleteWithHistory(300_004, 'Ida');
    const before = activityListRequests();
    fake().rateLimitNext(1);

    expect((await client.connectStrava()).status).toBe(302);
    await runtime.drain();
    expect(activityListRequests()).toBe(before + 1);
    expect(await week(client)).toMatchObject({ runs: 0 });

    // A phone and a daytime zone: any text the import caused would now go out at once.
    const settings = await client.json('PUT', '/api/me/settings', { phone: '+4915112345679', timeZone: 'Europe/Berlin' });
    expect(settings.status).toBe(200);

    await client.setClock('2026-03-12T09:15:00Z'); // the next quarter hour: Strava's window reset
    expect(await client.runJob('due-messages')).toMatchObject({ republished: 1 });
    await runtime.drain();
    expect(activityListRequests()).toBe(before + 2);
    expect(await week(client)).toMatchObject({ runs: 3, distanceM: 21_000 });
    expect(await client.outbox()).toEqual([]);

    // A run finished now arrives by webhook and is texted as usual.
    fake().addActivity(300_004, { sport_type: 'Run', distance: 7_000 });
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await runtime.drain();
    const texts = await client.outbox();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ kind: 'post-run-stretch', to: '+4915112345679' });
    expect(await week(client)).toMatchObject({ runs: 4, distanceM: 28_000 });
  });
});
