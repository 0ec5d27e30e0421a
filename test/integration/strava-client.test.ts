/**
 * The real StravaClient against the fake Strava on a real HTTP server (127.0.0.1, port 0), with an
 * in-memory TokenStore. A dynalite-backed TokenStore variant can reuse these cases.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TrackerTokens } from '../../shared/domain/types.js';
import type { StoredTokens, TokenStore } from '../../shared/ports/index.js';
import { createFakeStrava, STRAVA_ERRORS, type FakeStrava } from '../../infra/local/strava/fake-strava.js';
import { parseWebhookEvent } from '../../shared/adapters/strava/schemas.js';
import type { StravaWebhookEvent } from '../../shared/ports/index.js';
import { StravaApiError, StravaClient, TrackerAuthError, lastRateLimit } from '../../shared/adapters/strava/strava-client.js';

const CLIENT_ID = '4242';
const CLIENT_SECRET = 'sandbox-secret';
const ATHLETE = 134815;
const RUNNER = 'runner-1';
const START = new Date('2026-03-01T07:31:10Z');

/** Optimistic versions and leases like the DynamoDB store; every call yields, as real I/O would. */
class InMemoryTokenStore implements TokenStore {
  readonly rows = new Map<string, StoredTokens>();
  readonly leases = new Map<string, { holder: string; until: number }>();
  /** How often a lease was refused: proves the concurrent test took the waiting path. */
  leaseRefusals = 0;
  /** Test hook run at the start of every getTokens. */
  onGet: (() => void) | null = null;

  async getTokens(runnerId: string): Promise<StoredTokens | null> {
    this.onGet?.();
    await tick();
    const row = this.rows.get(runnerId);
    return row ? structuredClone(row) : null;
  }

  async putTokens(runnerId: string, tokens: TrackerTokens, expectedVersion: number | null): Promise<number | null> {
    await tick();
    const current = this.rows.get(runnerId);
    if ((current?.version ?? null) !== expectedVersion) return null;
    const version = (current?.version ?? 0) + 1;
    this.rows.set(runnerId, { tokens: structuredClone(tokens), version });
    return version;
  }

  async acquireRefreshLease(runnerId: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    await tick();
    const lease = this.leases.get(runnerId);
    if (lease && lease.holder !== holder && lease.until > now.getTime()) {
      this.leaseRefusals++;
      return false;
    }
    this.leases.set(runnerId, { holder, until: now.getTime() + leaseMs });
    return true;
  }

  async releaseRefreshLease(runnerId: string, holder: string): Promise<void> {
    await tick();
    if (this.leases.get(runnerId)?.holder === holder) this.leases.delete(runnerId);
  }
}

let server: Server;
let baseUrl: string;
let fake: FakeStrava;
let store: InMemoryTokenStore;
let client: StravaClient;
let webhooks: StravaWebhookEvent[];
let now: Date;
const clock = { now: () => new Date(now.getTime()) };
const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

function makeClient(options: Partial<ConstructorParameters<typeof StravaClient>[0]> = {}): StravaClient {
  return new StravaClient({
    apiUrl: `${baseUrl}/strava/api/v3`,
    oauthUrl: `${baseUrl}/strava/oauth`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokens: store,
    clock,
    pollIntervalMs: 10,
    ...options,
  });
}

/** Runs the code exchange and stores the tokens, as the OAuth callback handler will. */
async function connect(runnerId = RUNNER, athleteId = ATHLETE): Promise<TrackerTokens> {
  const scope = 'read,activity:read_all';
  const { tokens } = await client.exchangeCode(fake.issueCode(athleteId, scope), scope);
  await store.putTokens(runnerId, tokens, null);
  return tokens;
}

async function postToken(fields: Record<string, string>): Promise<Response> {
  return fetch(`${baseUrl}/strava/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...fields }),
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    // Mounted under a prefix, as the local runtime mounts the sandbox under /sandbox/strava.
    const handled = pathname.startsWith('/strava/')
      ? fake.handle(req, res, pathname.slice('/strava'.length))
      : Promise.resolve(false);
    void handled.then((ok) => {
      if (!ok) {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

beforeEach(() => {
  now = START;
  webhooks = [];
  fake = createFakeStrava({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    now: clock.now,
    subscriptionId: 120475,
    onWebhookEvent: (event) => webhooks.push(event),
  });
  fake.addAthlete({ id: ATHLETE, firstname: 'Marianne', lastname: 'T', measurement_preference: 'feet' });
  fake.addAthlete({ id: 999, firstname: 'Other' });
  store = new InMemoryTokenStore();
  client = makeClient();
});

describe('StravaClient against the fake Strava', () => {
  describe('exchangeCode', () => {
    it('exchanges a code for tokens and the athlete', async () => {
      const code = fake.issueCode(ATHLETE, 'read,activity:read_all');
      const result = await client.exchangeCode(code, 'read,activity:read_all');
      expect(result.athlete).toEqual({ athleteId: ATHLETE, firstName: 'Marianne', measurementPreference: 'meters' });
      expect(result.tokens).toMatchObject({
        expiresAt: START.getTime() / 1000 + 21_600,
        scopes: ['read', 'activity:read_all'],
      });
      expect(result.tokens.accessToken).toMatch(/^[0-9a-f]{40}$/);
      expect(result.tokens.refreshToken).not.toBe(result.tokens.accessToken);
      expect(fake.requests).toContainEqual({ method: 'POST', path: '/oauth/token' });
    });

    it('rejects a code used twice (codes are single-use)', async () => {
      const code = fake.issueCode(ATHLETE);
      await client.exchangeCode(code);
      await expect(client.exchangeCode(code)).rejects.toMatchObject({ name: 'TrackerAuthError', reason: 'invalid-code' });
    });

    it('fails loudly on a wrong client secret', async () => {
      const bad = makeClient({ clientSecret: 'wrong' });
      const error = await bad.exchangeCode(fake.issueCode(ATHLETE)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StravaApiError);
      expect((error as StravaApiError).status).toBe(401);
    });
  });

  describe('fetchWorkout', () => {
    it('fetches and normalizes an activity with a valid token', async () => {
      await connect();
      const activity = fake.addActivity(ATHLETE, {
        name: 'Tempo Tuesday',
        sport_type: 'Run',
        workout_type: 3,
        distance: 10_000,
        moving_time: 2_700,
        start_date: '2026-03-01T06:30:00Z',
        timezone: '(GMT-08:00) America/Los_Angeles',
      });
      expect(activity.id).toBeGreaterThanOrEqual(13_000_000_000);
      expect(activity.start_date_local).toBe('2026-02-28T22:30:00Z');
      expect(activity.utc_offset).toBe(-28_800);

      const result = await client.fetchWorkout(RUNNER, String(activity.id));
      expect(result.status).toBe('ok');
      if (result.status !== 'ok') return;
      expect(result.workout).toMatchObject({
        runnerId: RUNNER,
        sourceId: String(activity.id),
        name: 'Tempo Tuesday',
        sport: 'Run',
        tag: 'workout',
        distanceM: 10_000,
        startUtc: '2026-03-01T06:30:00.000Z',
        startLocal: '2026-02-28T22:30:00',
        localDate: '2026-02-28',
        timeZone: 'America/Los_Angeles',
      });
      // The athlete prefers feet, so the device made mile laps.
      expect(result.workout.laps).toHaveLength(7);
      expect(result.workout.laps[0]?.distanceM).toBeCloseTo(1609.3, 1);
      expect(fake.refreshCount).toBe(0);
      expect(client.rateLimit?.read).toEqual({ usage15: 1, usageDaily: 1, limit15: 100, limitDaily: 1000 });
      expect(lastRateLimit).toBe(client.rateLimit);
    });

    it('refreshes an expired token, persists the rotated refresh token, and the old one dies', async () => {
      const first = await connect();
      const activity = fake.addActivity(ATHLETE);
      advance(6 * 3600 + 60);

      const result = await client.fetchWorkout(RUNNER, String(activity.id));
      expect(result.status).toBe('ok');
      expect(fake.refreshCount).toBe(1);

      const stored = await store.getTokens(RUNNER);
      expect(stored?.version).toBe(2);
      expect(stored?.tokens.refreshToken).not.toBe(first.refreshToken);
      expect(stored?.tokens.accessToken).not.toBe(first.accessToken);
      expect(stored?.tokens.expiresAt).toBe(now.getTime() / 1000 + 21_600);
      expect(stored?.tokens.scopes).toEqual(first.scopes);

      // The new token is good for hours: no further refresh.
      await client.fetchWorkout(RUNNER, String(activity.id));
      expect(fake.refreshCount).toBe(1);

      const replay = await postToken({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
      expect(replay.status).toBe(400);
      expect(await replay.text()).toBe(
        '{"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}',
      );
    });

    it('refreshes within the margin before expiry', async () => {
      await connect();
      advance(21_600 - 240); // 4 minutes left, margin is 5
      const activity = fake.addActivity(ATHLETE);
      expect((await client.fetchWorkout(RUNNER, String(activity.id))).status).toBe('ok');
      expect(fake.refreshCount).toBe(1);
    });

    it('refreshes exactly once for concurrent fetches with an expired token', async () => {
      await connect();
      const a = fake.addActivity(ATHLETE);
      const b = fake.addActivity(ATHLETE);
      advance(7 * 3600);

      // Two workers with their own client instances, sharing only the store.
      const other = makeClient();
      const results = await Promise.all([
        client.fetchWorkout(RUNNER, String(a.id)),
        other.fetchWorkout(RUNNER, String(b.id)),
        client.fetchWorkout(RUNNER, String(b.id)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
      expect(fake.refreshCount).toBe(1);
      expect(store.leaseRefusals).toBeGreaterThan(0);
      expect((await store.getTokens(RUNNER))?.version).toBe(2);
      expect(store.leases.size).toBe(0);
    });

    it('answers not-found for an unknown activity, another athlete’s activity, and early fetches', async () => {
      await connect();
      expect(await client.fetchWorkout(RUNNER, '13999999999')).toEqual({ status: 'not-found' });

      const foreign = fake.addActivity(999);
      expect(await client.fetchWorkout(RUNNER, String(foreign.id))).toEqual({ status: 'not-found' });

      const fresh = fake.addActivity(ATHLETE);
      fake.notFoundNext(fresh.id, 2);
      expect(await client.fetchWorkout(RUNNER, String(fresh.id))).toEqual({ status: 'not-found' });
      expect(await client.fetchWorkout(RUNNER, String(fresh.id))).toEqual({ status: 'not-found' });
      expect((await client.fetchWorkout(RUNNER, String(fresh.id))).status).toBe('ok');
    });

    it('answers rate-limited with the next quarter hour on 429', async () => {
      await connect();
      const activity = fake.addActivity(ATHLETE);
      fake.rateLimitNext(1);
      const result = await client.fetchWorkout(RUNNER, String(activity.id));
      expect(result).toEqual({ status: 'rate-limited', retryAt: new Date('2026-03-01T07:45:00Z') });
      expect(client.rateLimit?.read?.usage15).toBe(1);
    });

    it('hits the real read limit and retries after the window resets', async () => {
      fake = createFakeStrava({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        now: clock.now,
        limits: { overall15: 200, overallDaily: 2000, read15: 2, readDaily: 1000 },
      });
      fake.addAthlete({ id: ATHLETE, firstname: 'Marianne' });
      await connect();
      const id = String(fake.addActivity(ATHLETE).id);
      await client.fetchWorkout(RUNNER, id);
      await client.fetchWorkout(RUNNER, id);
      const limited = await client.fetchWorkout(RUNNER, id);
      expect(limited.status).toBe('rate-limited');
      if (limited.status !== 'rate-limited') return;
      now = limited.retryAt;
      expect((await client.fetchWorkout(RUNNER, id)).status).toBe('ok');
    });

    it('throws TrackerAuthError when Strava refuses the access token', async () => {
      await connect();
      const activity = fake.addActivity(ATHLETE);
      fake.revokeAthlete(ATHLETE);
      await expect(client.fetchWorkout(RUNNER, String(activity.id))).rejects.toMatchObject({
        name: 'TrackerAuthError',
        reason: 'unauthorized',
      });
    });

    it('throws TrackerAuthError for a spent refresh token when nobody stored a newer one', async () => {
      const first = await connect();
      await postToken({ grant_type: 'refresh_token', refresh_token: first.refreshToken }); // spent elsewhere
      advance(7 * 3600);
      const error = await client.fetchWorkout(RUNNER, String(fake.addActivity(ATHLETE).id)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrackerAuthError);
      expect((error as TrackerAuthError).reason).toBe('invalid-refresh-token');
      expect(String((error as Error).message)).not.toContain(first.refreshToken);
    });

    it('uses the newer tokens when the refresh token was spent by a writer that stored its result', async () => {
      const first = await connect();
      advance(7 * 3600);
      // Another worker refreshes behind the lease's back and stores the result just after our 400.
      const spent = await postToken({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
      const body = (await spent.json()) as { access_token: string; refresh_token: string; expires_at: number };
      store.onGet = () => {
        if (fake.refreshCount === 2 && store.rows.get(RUNNER)?.version === 1) {
          store.rows.set(RUNNER, {
            version: 2,
            tokens: {
              accessToken: body.access_token,
              refreshToken: body.refresh_token,
              expiresAt: body.expires_at,
              scopes: first.scopes,
            },
          });
        }
      };
      const result = await client.fetchWorkout(RUNNER, String(fake.addActivity(ATHLETE).id));
      expect(result.status).toBe('ok');
      expect(fake.refreshCount).toBe(2);
    });

    it('throws TrackerAuthError without stored tokens and rejects malformed ids before any request', async () => {
      await expect(client.fetchWorkout('nobody', '123')).rejects.toMatchObject({ reason: 'no-tokens' });
      await connect();
      await expect(client.fetchWorkout(RUNNER, '../athlete')).rejects.toThrow(/invalid Strava activity id/);
      expect(fake.requests.filter((r) => r.path.startsWith('/api'))).toEqual([]);
    });
  });

  describe('deauthorize', () => {
    it('revokes the grant and tolerates an already revoked one', async () => {
      await connect();
      await client.deauthorize(RUNNER);
      expect(fake.isAuthorized(ATHLETE)).toBe(false);
      expect(webhooks.at(-1)).toMatchObject({ object_type: 'athlete', object_id: ATHLETE, updates: { authorized: 'false' } });
      await expect(client.deauthorize(RUNNER)).resolves.toBeUndefined(); // 401 now: ignored
      await expect(client.deauthorize('nobody')).resolves.toBeUndefined();
    });
  });

  describe('checkAccess', () => {
    const athleteCalls = () => fake.requests.filter((r) => r.path === '/api/v3/athlete').length;

    it('is authorized while Strava accepts the token, refreshing it when due', async () => {
      await connect();
      expect(await client.checkAccess(RUNNER)).toBe('authorized');
      expect(athleteCalls()).toBe(1);
      advance(7 * 3600);
      expect(await client.checkAccess(RUNNER)).toBe('authorized');
      expect(fake.refreshCount).toBe(1);
      expect((await store.getTokens(RUNNER))?.version).toBe(2);
    });

    it('is revoked once the athlete removed the app at Strava: the fake answers 401', async () => {
      const tokens = await connect();
      fake.revokeAthlete(ATHLETE);
      // What the client sees: GET /athlete with the (unexpired) token is refused.
      const direct = await fetch(`${baseUrl}/strava/api/v3/athlete`, {
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(direct.status).toBe(401);
      expect(await direct.json()).toEqual(STRAVA_ERRORS.invalidAccessToken);
      expect(await client.checkAccess(RUNNER)).toBe('revoked');
      expect(athleteCalls()).toBe(2);
    });

    it('is revoked when the token is due and Strava refuses the refresh token', async () => {
      await connect();
      fake.revokeAthlete(ATHLETE);
      advance(7 * 3600);
      expect(await client.checkAccess(RUNNER)).toBe('revoked');
      expect(fake.refreshCount).toBe(1);
      expect(athleteCalls()).toBe(0);
    });

    it('is revoked without stored tokens', async () => {
      expect(await client.checkAccess('nobody')).toBe('revoked');
    });

    it('is unknown on a 429, a 5xx, or no answer at all', async () => {
      await connect();
      fake.rateLimitNext(1);
      expect(await client.checkAccess(RUNNER)).toBe('unknown');
      expect(await client.checkAccess(RUNNER)).toBe('authorized');

      const failing = (status: number) =>
        makeClient({ fetch: async () => new Response('{"message":"Server Error"}', { status }) });
      expect(await failing(503).checkAccess(RUNNER)).toBe('unknown');
      expect(await failing(500).checkAccess(RUNNER)).toBe('unknown');

      const unreachable = makeClient({ apiUrl: 'http://127.0.0.1:9/api/v3' });
      expect(await unreachable.checkAccess(RUNNER)).toBe('unknown');
      const hanging = makeClient({
        fetch: (_url, init) =>
          new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
        requestTimeoutMs: 50,
      });
      expect(await hanging.checkAccess(RUNNER)).toBe('unknown');
    });
  });

  describe('no answer', () => {
    it('turns a network error or a timeout into StravaApiError status 0, naming the path only', async () => {
      const tokens = await connect();
      const unreachable = makeClient({ apiUrl: 'http://127.0.0.1:9/api/v3' });
      const refused = await unreachable.fetchWorkout(RUNNER, '13000000001').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StravaApiError);
      expect(refused).toMatchObject({ status: 0, message: 'GET /api/v3/activities/13000000001: no response' });

      const hanging = makeClient({
        fetch: (_url, init) =>
          new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
        requestTimeoutMs: 50,
      });
      const timedOut = await hanging.fetchWorkout(RUNNER, '13000000001').catch((e: unknown) => e);
      expect(timedOut).toMatchObject({
        name: 'StravaApiError',
        status: 0,
        message: 'GET /strava/api/v3/activities/13000000001: timed out',
      });
      expect(String((timedOut as Error).message)).not.toContain(tokens.accessToken);
    });
  });
});

describe('fake Strava', () => {
  it('serves an authorize page whose buttons redirect with code+scope+state or access_denied', async () => {
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: 'http://localhost:3000/connect/strava/callback',
      response_type: 'code',
      approval_prompt: 'auto',
      scope: 'read,activity:read_all',
      state: 'st<ate>',
    });
    const res = await fetch(`${baseUrl}/strava/oauth/authorize?${query}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('>Authorize</a>');
    expect(html).toContain('>Cancel</a>');
    const href = (id: string) =>
      new URL(/id="([^"]+)" href="([^"]+)"/g.exec(html.slice(html.indexOf(`id="${id}"`)))![2]!.replaceAll('&#38;', '&'));
    const authorize = href('authorize');
    expect(authorize.origin + authorize.pathname).toBe('http://localhost:3000/connect/strava/callback');
    expect(authorize.searchParams.get('state')).toBe('st<ate>');
    expect(authorize.searchParams.get('scope')).toBe('read,activity:read_all');
    const cancel = href('cancel');
    expect(cancel.searchParams.get('error')).toBe('access_denied');
    expect(cancel.searchParams.get('state')).toBe('st<ate>');
    expect(html).not.toContain('st<ate>'); // escaped

    const { athlete } = await client.exchangeCode(authorize.searchParams.get('code')!);
    expect(athlete.athleteId).toBe(999); // the newest sandbox athlete signs in by default
  });

  it('rejects a bad redirect_uri or client_id on the authorize page', async () => {
    const base = { client_id: CLIENT_ID, response_type: 'code', scope: 'read', redirect_uri: 'javascript:alert(1)' };
    expect((await fetch(`${baseUrl}/strava/oauth/authorize?${new URLSearchParams(base)}`)).status).toBe(400);
    const wrongClient = { ...base, redirect_uri: 'http://localhost/cb', client_id: '1' };
    expect((await fetch(`${baseUrl}/strava/oauth/authorize?${new URLSearchParams(wrongClient)}`)).status).toBe(400);
  });

  it('returns the same access token on refresh while it has more than an hour left, and rotates the refresh token', async () => {
    const first = await connect();
    advance(3600);
    const res = await postToken({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      access_token: first.accessToken,
      expires_at: first.expiresAt,
      expires_in: 18_000,
    });
    expect(body.refresh_token).not.toBe(first.refreshToken);
    expect(body.athlete).toBeUndefined();

    advance(4 * 3600 + 1); // under an hour left: a new access token
    const again = (await (
      await postToken({ grant_type: 'refresh_token', refresh_token: String(body.refresh_token) })
    ).json()) as Record<string, unknown>;
    expect(again.access_token).not.toBe(first.accessToken);
    expect(again.expires_in).toBe(21_600);
  });

  it('accepts JSON bodies on /oauth/token and answers 401 to a wrong client secret', async () => {
    const res = await fetch(`${baseUrl}/strava/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: Number(CLIENT_ID),
        client_secret: 'nope',
        grant_type: 'refresh_token',
        refresh_token: 'x',
      }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(STRAVA_ERRORS.invalidClientSecret);
  });

  it('lists athlete activities as SummaryActivity with paging and time filters, and sends rate-limit headers', async () => {
    const tokens = await connect();
    for (let day = 1; day <= 5; day++) fake.addActivity(ATHLETE, { start_date: `2026-02-0${day}T07:00:00Z` });
    fake.addActivity(ATHLETE, { start_date: '2026-02-06T07:00:00Z', private: true });
    const get = (q: string) =>
      fetch(`${baseUrl}/strava/api/v3/athlete/activities?${q}`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });

    const res = await get('per_page=2&page=1');
    expect(res.headers.get('x-ratelimit-limit')).toBe('200,2000');
    expect(res.headers.get('x-readratelimit-usage')).toBe('1,1');
    const page1 = (await res.json()) as { start_date: string; resource_state: number; laps?: unknown }[];
    expect(page1.map((a) => a.start_date)).toEqual(['2026-02-06T07:00:00Z', '2026-02-05T07:00:00Z']);
    expect(page1[0]?.resource_state).toBe(2);
    expect(page1[0]?.laps).toBeUndefined();

    const after = (await (await get(`after=${Date.parse('2026-02-03T00:00:00Z') / 1000}`)).json()) as { start_date: string }[];
    expect(after.map((a) => a.start_date.slice(0, 10))).toEqual(['2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06']);
    expect((await get('per_page=abc')).status).toBe(400);
  });

  it('emits webhook bodies that pass our own validation', async () => {
    await connect();
    const activity = fake.addActivity(ATHLETE);
    fake.updateActivity(activity.id, { name: 'Renamed' });
    fake.updateActivity(activity.id, { sport_type: 'TrailRun' });
    fake.deleteActivity(activity.id);
    expect(webhooks.map((w) => [w.aspect_type, w.updates])).toEqual([
      ['create', {}],
      ['update', { title: 'Renamed' }],
      ['update', { type: 'TrailRun' }],
      ['delete', {}],
    ]);
    for (const w of webhooks) expect(parseWebhookEvent(JSON.parse(JSON.stringify(w))).ok).toBe(true);
    expect(fake.getActivity(activity.id)).toBeUndefined();
  });

  it('keeps tokens valid across export and import (the sandbox persists its state)', async () => {
    const tokens = await connect();
    const id = fake.addActivity(ATHLETE).id;
    const saved = JSON.parse(JSON.stringify(fake.exportState())) as ReturnType<FakeStrava['exportState']>;
    fake = createFakeStrava({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, now: clock.now });
    fake.importState(saved);
    expect((await client.fetchWorkout(RUNNER, String(id))).status).toBe('ok');
    const res = await postToken({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    expect(res.status).toBe(200);
    expect(fake.addActivity(ATHLETE).id).toBe(id + 1);
  });
});
