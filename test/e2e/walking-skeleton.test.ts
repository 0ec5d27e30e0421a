import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * The walking skeleton end to end, through the local runtime as a black box: OAuth against the
 * built-in Strava sandbox (the fake Strava HTTP server), settings, Strava-style webhook deliveries,
 * the bus, the handlers, dynalite and the outbox.
 */
let runtime: LocalRuntime;
let client: RuntimeClient;
const PHONE = '+4915112345678';
let athleteId: number;

const fake = () => runtime.sandbox!.fake;

/** Finishes an activity in the sandbox; the sandbox posts Strava's webhook; waits for the bus. */
async function finish(partial: Parameters<ReturnType<typeof fake>['addActivity']>[1]) {
  const activity = fake().addActivity(athleteId, partial);
  const statuses = await runtime.sandbox!.settled();
  expect(statuses).toEqual([200]);
  await runtime.drain();
  return activity;
}

async function stretchTexts() {
  return (await client.outbox()).filter((m) => m.kind === 'post-run-stretch');
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  client = new RuntimeClient(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('connect and settings', () => {
  it('connects a sandbox athlete through Strava OAuth and lands on the settings page', async () => {
    const callback = await client.connectStrava();
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/settings');
    expect(client.cookie).toMatch(/^rn_session=/);

    const me = await client.json<{ athleteId: number; firstName: string; settings: { phone: string | null } }>('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.firstName).toBe('Sandy');
    expect(me.body.settings.phone).toBeNull();
    athleteId = me.body.athleteId;
    expect(fake().isAuthorized(athleteId)).toBe(true);

    const page = await client.request('GET', '/settings');
    expect(await page.text()).toContain('Hi Sandy');
  });

  it('refuses a callback URL opened in another browser (login CSRF), and a denied grant', async () => {
    const attacker = new RuntimeClient(runtime);
    const callbackPath = await attacker.consent();
    const victim = new RuntimeClient(runtime);
    const res = await victim.request('GET', callbackPath);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('another browser');
    expect(victim.cookie).toBeUndefined();

    const denied = await new RuntimeClient(runtime).connectStrava('cancel');
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('chose not to connect');
  });

  it('names every bad field and changes nothing', async () => {
    const res = await client.json<{ error: { code: string; fields: { field: string }[] } }>('PUT', '/api/me/settings', {
      phone: '555-1234',
      timeZone: 'Mars/Olympus',
      quietHours: { start: '25:00', end: '07:00' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.field).sort()).toEqual(['phone', 'quietHours.start', 'timeZone']);
    const me = await client.json<{ settings: { timeZone: string } }>('GET', '/api/me');
    expect(me.body.settings.timeZone).not.toBe('Mars/Olympus');
  });

  it('stores phone (E.164), time zone and quiet hours', async () => {
    const res = await client.json<{ settings: Record<string, unknown> }>('PUT', '/api/me/settings', {
      phone: '+49 151 12345678',
      timeZone: 'Europe/Berlin',
      quietHours: { start: '21:00', end: '07:00' },
      channels: { sms: true, email: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ phone: PHONE, timeZone: 'Europe/Berlin' });
  });

  it('refuses the API without a session', async () => {
    const res = await fetch(`${runtime.url}/api/me`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_signed_in');
  });
});

describe('post-run stretch text', () => {
  it('texts once for a run whose webhook arrives three times', async () => {
    await client.setClock('2026-03-03T10:00:00Z'); // 11:00 in Berlin
    const run = await finish({ sport_type: 'Run', distance: 8000 });
    // Strava retries and duplicates: the same event body twice more.
    const body = {
      aspect_type: 'create',
      event_time: Math.floor(Date.parse('2026-03-03T10:00:00Z') / 1000),
      object_id: run.id,
      object_type: 'activity',
      owner_id: athleteId,
      subscription_id: 1,
      updates: {},
    };
    for (let i = 0; i < 2; i++) {
      expect((await client.request('POST', '/webhooks/strava', body)).status).toBe(200);
    }
    const texts = await stretchTexts();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ channel: 'sms', to: PHONE });
    expect(texts[0]!.text).toMatch(/8\.0 km/);
    expect(texts[0]!.text).toMatch(/5x60s/);
    expect(texts[0]!.text).toMatch(/5x30s each side/);
  });

  it('texts once even when the bus delivers the recorded run again', async () => {
    const before = (await stretchTexts()).length;
    const run = await finish({ sport_type: 'TrailRun', distance: 12_000 });
    expect(await stretchTexts()).toHaveLength(before + 1);
    // An update (new title) re-fetches and overwrites, and never texts again.
    fake().updateActivity(run.id, { name: 'Hills with Ana' });
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await runtime.drain();
    expect(await stretchTexts()).toHaveLength(before + 1);
  });

  it('sends nothing for a ride', async () => {
    const before = (await client.outbox()).length;
    await finish({ sport_type: 'Ride', distance: 30_000 });
    expect(await client.outbox()).toHaveLength(before);
  });

  it('holds a late-night run until quiet hours end at 07:00 local', async () => {
    await client.setClock('2026-03-03T22:30:00Z'); // 23:30 in Berlin
    const before = (await stretchTexts()).length;
    await finish({ sport_type: 'Run', distance: 5000 });
    expect(await stretchTexts()).toHaveLength(before);

    await client.setClock('2026-03-04T05:59:00Z'); // 06:59 in Berlin
    await client.runJob('due-messages');
    expect(await stretchTexts()).toHaveLength(before);

    await client.setClock('2026-03-04T06:00:00Z'); // 07:00 in Berlin
    expect(await client.runJob('due-messages')).toMatchObject({ sent: 1 });
    const texts = await stretchTexts();
    expect(texts).toHaveLength(before + 1);
    expect(texts.at(-1)!.at).toBe('2026-03-04T06:00:00.000Z');
    expect(texts.at(-1)!.text).toMatch(/5\.0 km/);

    // Running the job again sends nothing more.
    await client.runJob('due-messages');
    expect(await stretchTexts()).toHaveLength(before + 1);
  });

  it('retries a run that Strava answers 404 for right after create', async () => {
    await client.setClock('2026-03-05T08:00:00Z');
    const before = (await stretchTexts()).length;
    const id = Number(fake().exportState().nextActivityId);
    fake().notFoundNext(id, 1);
    await finish({ id, sport_type: 'Run', distance: 6000 });
    expect(await stretchTexts()).toHaveLength(before);

    await client.setClock('2026-03-05T08:05:00Z');
    await client.runJob('due-messages');
    expect(await stretchTexts()).toHaveLength(before + 1);
  });
});

describe('updates and deletes change the week', () => {
  it('a run changed to a ride and a deleted run leave the week', async () => {
    await client.setClock('2026-03-12T09:00:00Z');
    const week = async () => (await client.json<{ week: { runs: number; distanceM: number } }>('GET', '/api/me')).body.week;
    const a = await finish({ sport_type: 'Run', distance: 10_000 });
    const b = await finish({ sport_type: 'Run', distance: 4_000 });
    expect(await week()).toMatchObject({ runs: 2, distanceM: 14_000 });

    fake().updateActivity(a.id, { sport_type: 'Ride', type: 'Ride' });
    await runtime.sandbox!.settled();
    await runtime.drain();
    // Updates are coalesced for a minute (one fetch for a burst of edits), then the due job fetches.
    expect(await week()).toMatchObject({ runs: 2, distanceM: 14_000 });
    await client.setClock('2026-03-12T09:05:00Z');
    await client.runJob('due-messages');
    expect(await week()).toMatchObject({ runs: 1, distanceM: 4_000 });

    fake().deleteActivity(b.id);
    await runtime.sandbox!.settled();
    await runtime.drain();
    expect(await week()).toMatchObject({ runs: 0, distanceM: 0 });
  });
});

describe('webhook edge', () => {
  it('refuses a clock without an offset', async () => {
    const res = await client.json<{ error: { code: string } }>('POST', '/dev/clock', { now: '2026-03-01T07:30:00' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_clock');
  });

  it('validates the subscription with the verify token', async () => {
    const ok = await client.json(
      'GET',
      '/webhooks/strava?hub.mode=subscribe&hub.verify_token=sandbox-verify-token&hub.challenge=15f7d1a9',
    );
    expect(ok).toEqual({ status: 200, body: { 'hub.challenge': '15f7d1a9' } });
    const bad = await client.request('GET', '/webhooks/strava?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=x');
    expect(bad.status).toBe(403);
  });

  it('rejects malformed and oversized bodies with JSON errors', async () => {
    const malformed = await client.request('POST', '/webhooks/strava', '{"object_type":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const wrong = await client.json('POST', '/webhooks/strava', { object_type: 'activity', object_id: 'x' });
    expect(wrong.status).toBe(400);
    const huge = await client.request('POST', '/webhooks/strava', { pad: 'x'.repeat(17 * 1024) });
    expect(huge.status).toBe(413);
    // `curl -d` sends form-encoded content type with a JSON body: still read as JSON.
    const curlish = await client.request(
      'POST',
      '/webhooks/strava',
      JSON.stringify({
        aspect_type: 'create',
        event_time: 5,
        object_id: 5,
        object_type: 'activity',
        owner_id: 12,
        subscription_id: 1,
        updates: {},
      }),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(curlish.status).toBe(200);
    const badPath = await client.request('GET', '/c/%E0%A4%A');
    expect(badPath.status).toBe(404);
  });

  it('ignores events for unknown athletes and foreign subscriptions', async () => {
    const before = (await client.outbox()).length;
    const event = { aspect_type: 'create', event_time: 1, object_id: 42, object_type: 'activity', updates: {} };
    const stranger = await client.json<{ ignored?: string }>('POST', '/webhooks/strava', {
      ...event,
      owner_id: 999,
      subscription_id: 1,
    });
    expect(stranger).toEqual({ status: 200, body: { received: true, ignored: 'unknown-athlete' } });
    const foreign = await client.json<{ ignored?: string }>('POST', '/webhooks/strava', {
      ...event,
      owner_id: athleteId,
      subscription_id: 7,
    });
    expect(foreign.body.ignored).toBe('foreign-subscription');
    expect(await client.outbox()).toHaveLength(before);
  });
});

describe('units', () => {
  it('texts in miles once the runner chooses miles, and names a bad choice', async () => {
    const bad = await client.json<{ error: { fields: { field: string }[] } }>('PUT', '/api/me/settings', { units: 'furlongs' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.field)).toEqual(['units']);
    expect((await client.json('PUT', '/api/me/settings', { units: 'feet' })).status).toBe(200);
    await client.setClock('2026-03-13T09:00:00Z');
    await finish({ sport_type: 'Run', distance: 8046.72 });
    expect((await stretchTexts()).at(-1)!.text).toMatch(/5\.0 mi/);
  });
});

describe('forged events', () => {
  it('a forged deauthorization (Strava does not sign events) leaves a connected runner in place', async () => {
    const before = await client.json<{ runnerId: string }>('GET', '/api/me');
    expect(before.status).toBe(200);
    // Anyone who knows the public athlete id can post this; only Strava can confirm it.
    const forged = {
      aspect_type: 'update',
      event_time: 1_900_000_001,
      object_id: athleteId,
      object_type: 'athlete',
      owner_id: athleteId,
      subscription_id: 1,
      updates: { authorized: 'false' },
    };
    const res = await client.json<{ received: boolean }>('POST', '/webhooks/strava', forged);
    expect(res).toEqual({ status: 200, body: { received: true } });
    await runtime.drain();

    const after = await client.json<{ runnerId: string }>('GET', '/api/me');
    expect(after.status).toBe(200);
    expect(after.body.runnerId).toBe(before.body.runnerId);
    expect(fake().isAuthorized(athleteId)).toBe(true);
  });
});

describe('what we keep', () => {
  type Export = { data: Record<string, Record<string, unknown>[] | undefined> };
  it('a run stays in its week when its raw Strava data is gone 8 days on; the export and the page show it', async () => {
    await client.setClock('2026-03-17T07:00:00Z');
    const run = await finish({ sport_type: 'Run', distance: 6_000 });
    const has = (items: Record<string, unknown>[] | undefined) =>
      (items ?? []).some((i) => `c_${run.id}` in i || i.sourceId === String(run.id));
    const fresh = (await client.json<Export>('GET', '/api/me/export')).body;
    expect(has(fresh.data.trackerActivities)).toBe(true);
    expect(has(fresh.data.weeklyFigures)).toBe(true);
    expect(JSON.stringify(fresh)).not.toContain('accessToken');

    await client.setClock('2026-03-25T08:00:00Z');
    const later = (await client.json<Export>('GET', '/api/me/export')).body;
    expect(has(later.data.trackerActivities)).toBe(false);
    expect(has(later.data.weeklyFigures)).toBe(true);

    const page = await (await client.request('GET', '/settings')).text();
    expect(page).toContain('Powered by <a href="https://www.strava.com">Strava</a>');
    expect(page).toContain('href="/api/me/export"');
  });
});

describe('leaving', () => {
  it('a runner who revokes access at Strava is deleted entirely', async () => {
    const other = new RuntimeClient(runtime);
    fake().addAthlete({ id: 200_002, firstname: 'Rita' });
    expect((await other.connectStrava()).status).toBe(302);
    expect((await other.json('GET', '/api/me')).status).toBe(200);
    fake().revokeAthlete(200_002);
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await runtime.drain();
    expect((await other.json('GET', '/api/me')).status).toBe(401);
  });

  it('DELETE /api/me deauthorizes at Strava and deletes the runner', async () => {
    const res = await client.json('DELETE', '/api/me');
    expect(res).toEqual({ status: 200, body: { deleted: true } });
    expect(fake().isAuthorized(athleteId)).toBe(false);
    expect(client.cookie).toBeUndefined();
    const again = await fetch(`${runtime.url}/api/me`);
    expect(again.status).toBe(401);
  });
});
