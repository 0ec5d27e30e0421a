/**
 * TrackerClient over Strava's REST and OAuth APIs (shared/docs/strava.md §2–3).
 *
 * Token refresh is serialised per runner through the TokenStore lease, because Strava rotates
 * refresh tokens and invalidates the old one immediately: two concurrent refreshes would spend the
 * same token and the loser would get 400 `invalid`. Tokens never appear in errors or logs.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import type { TrackerTokens, Workout } from '../../domain/types.js';
import type {
  Clock,
  FetchWorkoutResult,
  ListWorkoutsQuery,
  ListWorkoutsResult,
  RateLimitSnapshot,
  RateLimitStatus,
  StoredTokens,
  TokenStore,
  TrackerAccess,
  TrackerAthlete,
  TrackerClient,
} from '../../ports/index.js';
import { TrackerApiError, TrackerAuthError } from '../../ports/errors.js';
import { summaryToWorkout, toWorkout } from './normalize.js';
import { detailedActivitySchema, summaryActivitySchema, tokenResponseSchema } from './schemas.js';
import { InvalidArgumentError } from '../errors.js';
import { nextQuarterHour, nextUtcMidnight, parseRateLimitHeaders, rateLimitRetryAt } from './rate-limits.js';
import { isInvalidRefreshToken, toTokens } from './token-responses.js';

export { TrackerAuthError, type TrackerAuthReason } from '../../ports/errors.js';

/**
 * Any other unexpected answer from Strava (5xx, bad shape, wrong client secret), or none at all
 * (status 0: network error, timeout, refresh lease held elsewhere); usually retryable.
 */
export class StravaApiError extends TrackerApiError {}

/* ------------------------------------------------------------------ rate limits (parsing: rate-limits.ts) */

/** The most recent rate-limit headers seen by any StravaClient in this process (ESM live binding). */
export let lastRateLimit: RateLimitSnapshot | null = null;

/* ------------------------------------------------------------------ client */

export interface StravaClientOptions {
  /** e.g. https://www.strava.com/api/v3 */
  apiUrl: string;
  /** e.g. https://www.strava.com/oauth */
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  tokens: TokenStore;
  clock: Clock;
  fetch?: typeof fetch;
  /** How long a refresh lease is held at most, and how long a waiter polls for its result. */
  leaseMs?: number;
  /** Refresh when the access token expires within this many seconds. */
  refreshMarginSeconds?: number;
  /** How often a runner waiting on another refresh re-reads the store. */
  pollIntervalMs?: number;
  /** Per-request timeout; Lambda time is money and Strava sometimes hangs. */
  requestTimeoutMs?: number;
}

const STRAVA_ACTIVITY_ID = /^\d{1,16}$/;
/** Strava's documented maximum for `per_page` on list endpoints (strava.md §3). */
export const STRAVA_MAX_PER_PAGE = 200;
/** The list's envelope only; each entry is validated on its own. */
const activityListSchema = z.array(z.unknown()).max(STRAVA_MAX_PER_PAGE);

export class StravaClient implements TrackerClient {
  private readonly apiUrl: string;
  private readonly oauthUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly leaseMs: number;
  private readonly marginS: number;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  /** Rate-limit headers from this client's last API response. */
  rateLimit: RateLimitSnapshot | null = null;

  constructor(private readonly options: StravaClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.oauthUrl = options.oauthUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.marginS = options.refreshMarginSeconds ?? 300;
    this.pollMs = options.pollIntervalMs ?? 100;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  /**
   * `grantedScope` is the `scope` query parameter of the OAuth redirect: the token response does not
   * say which scopes the athlete accepted, so without it `scopes` is empty.
   */
  async exchangeCode(code: string, grantedScope?: string): Promise<{ tokens: TrackerTokens; athlete: TrackerAthlete }> {
    const res = await this.postForm(`${this.oauthUrl}/token`, {
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      code,
      grant_type: 'authorization_code',
    });
    if (res.status === 400) {
      await res.body?.cancel();
      throw new TrackerAuthError('invalid-code', 'Strava rejected the authorization code');
    }
    const body = await this.expectJson(res, tokenResponseSchema, 'token exchange');
    if (!body.athlete) throw new StravaApiError(res.status, 'token exchange: response has no athlete');
    const scopes = (grantedScope ?? '').split(/[,\s]+/).filter(Boolean);
    return {
      tokens: toTokens(body, scopes),
      athlete: {
        athleteId: body.athlete.id,
        firstName: body.athlete.firstname,
        // The summary athlete lacks it unless profile:read_all was granted; metres until told otherwise.
        measurementPreference: body.athlete.measurement_preference ?? 'meters',
      },
    };
  }

  async fetchWorkout(runnerId: string, activityId: string): Promise<FetchWorkoutResult> {
    if (!STRAVA_ACTIVITY_ID.test(activityId)) throw new InvalidArgumentError(`invalid Strava activity id "${activityId}"`);
    const accessToken = await this.accessToken(runnerId);
    const res = await this.request(`${this.apiUrl}/activities/${activityId}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    const snapshot = this.recordRateLimit(res.headers);
    switch (res.status) {
      case 200: {
        const activity = await this.expectJson(res, detailedActivitySchema, `activity ${activityId}`);
        return { status: 'ok', workout: toWorkout(runnerId, activity) };
      }
      case 404:
        await res.body?.cancel();
        return { status: 'not-found' };
      default:
        return this.notOk(res, snapshot, runnerId, `GET activity ${activityId}`);
    }
  }

  /** The answers every API read treats alike: 429 waits for the next window, 401 is a revoked token. */
  private async notOk(
    res: Response,
    snapshot: RateLimitSnapshot | null,
    runnerId: string,
    what: string,
  ): Promise<{ status: 'rate-limited'; retryAt: Date }> {
    await res.body?.cancel();
    if (res.status === 429) return { status: 'rate-limited', retryAt: rateLimitRetryAt(this.options.clock.now(), snapshot) };
    if (res.status === 401) throw new TrackerAuthError('unauthorized', `Strava refused the access token for runner ${runnerId}`);
    throw new StravaApiError(res.status, `${what}: HTTP ${res.status}`);
  }

  /**
   * `GET /athlete/activities` with `after`/`before` as epoch seconds: one page of SummaryActivities,
   * normalized without laps. An entry that fails validation is skipped (counted), not fatal: one odd
   * activity must not block a whole history import. `hasMore` means the page came back full.
   */
  async listWorkouts(runnerId: string, query: ListWorkoutsQuery): Promise<ListWorkoutsResult> {
    const { after, before, page, perPage } = query;
    if (!Number.isInteger(page) || page < 1) throw new InvalidArgumentError(`invalid page ${page}`);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > STRAVA_MAX_PER_PAGE) {
      throw new InvalidArgumentError(`invalid perPage ${perPage} (1..${STRAVA_MAX_PER_PAGE})`);
    }
    const params = new URLSearchParams({ after: String(Math.floor(after.getTime() / 1000)) });
    if (before) params.set('before', String(Math.floor(before.getTime() / 1000)));
    params.set('page', String(page));
    params.set('per_page', String(perPage));

    const accessToken = await this.accessToken(runnerId);
    const res = await this.request(`${this.apiUrl}/athlete/activities?${params.toString()}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    const snapshot = this.recordRateLimit(res.headers);
    switch (res.status) {
      case 200: {
        const list = await this.expectJson(res, activityListSchema, `activities page ${page}`);
        const workouts: Workout[] = [];
        for (const raw of list) {
          const parsed = summaryActivitySchema.safeParse(raw);
          if (parsed.success) workouts.push(summaryToWorkout(runnerId, parsed.data));
        }
        return { status: 'ok', workouts, hasMore: list.length >= perPage, skipped: list.length - workouts.length };
      }
      default:
        return this.notOk(res, snapshot, runnerId, `GET athlete activities page ${page}`);
    }
  }

  /** The rate-limit headers of this client's latest API response, with Strava's reset times. */
  rateLimitStatus(): RateLimitStatus | null {
    const snapshot = this.rateLimit;
    if (!snapshot) return null;
    return { ...snapshot, windowResetsAt: nextQuarterHour(snapshot.at), dailyResetsAt: nextUtcMidnight(snapshot.at) };
  }

  /** Best effort: a runner without tokens, or whose tokens Strava already revoked, is a no-op. */
  async deauthorize(runnerId: string): Promise<void> {
    let accessToken: string;
    try {
      accessToken = await this.accessToken(runnerId);
    } catch (err) {
      if (err instanceof TrackerAuthError) return;
      throw err;
    }
    const res = await this.postForm(`${this.oauthUrl}/deauthorize`, { access_token: accessToken });
    await res.body?.cancel();
    if (res.ok || res.status === 401) return;
    throw new StravaApiError(res.status, `deauthorize: HTTP ${res.status}`);
  }

  /**
   * `GET /athlete` with the runner's token (refreshed when due). Only Strava refusing the runner's
   * credentials means 'revoked': a 401, a refresh token it calls invalid, or no tokens stored at all.
   * No answer, a 5xx or a 429 is 'unknown', and so is anything else unexpected.
   */
  async checkAccess(runnerId: string): Promise<TrackerAccess> {
    let res: Response;
    try {
      const accessToken = await this.accessToken(runnerId);
      res = await this.request(`${this.apiUrl}/athlete`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      });
    } catch (err) {
      if (err instanceof TrackerAuthError) return err.reason === 'invalid-code' ? 'unknown' : 'revoked';
      if (err instanceof TrackerApiError) return 'unknown';
      throw err;
    }
    this.recordRateLimit(res.headers);
    await res.body?.cancel();
    if (res.status === 200) return 'authorized';
    if (res.status === 401) return 'revoked';
    return 'unknown';
  }

  /* -------------------------------------------------------------- tokens */

  private isDue(tokens: TrackerTokens): boolean {
    const nowS = Math.floor(this.options.clock.now().getTime() / 1000);
    return tokens.expiresAt - nowS < this.marginS;
  }

  /** A usable access token, refreshing (once per runner across workers) when it is about to expire. */
  private async accessToken(runnerId: string): Promise<string> {
    const stored = await this.options.tokens.getTokens(runnerId);
    if (!stored) throw new TrackerAuthError('no-tokens', `no Strava tokens for runner ${runnerId}`);
    if (!this.isDue(stored.tokens)) return stored.tokens.accessToken;
    return (await this.refreshSerialised(runnerId, stored)).accessToken;
  }

  private async refreshSerialised(runnerId: string, seen: StoredTokens): Promise<TrackerTokens> {
    const holder = randomUUID();
    // Real time, not the injected clock: the local runtime may freeze its clock while we wait.
    const deadline = performance.now() + this.leaseMs;
    let seenVersion = seen.version;

    for (;;) {
      const refreshed = await this.refreshIfLeased(runnerId, holder);
      if (refreshed) return refreshed;
      // The last lease attempt comes after the deadline: the holder may have died and its lease expired.
      if (performance.now() >= deadline) {
        throw new StravaApiError(0, `token refresh for runner ${runnerId} is held by another worker`);
      }
      // Someone else is refreshing: wait for their write instead of spending the token twice.
      while (performance.now() < deadline) {
        await sleep(this.pollMs);
        const current = await this.options.tokens.getTokens(runnerId);
        if (!current) throw new TrackerAuthError('no-tokens', `no Strava tokens for runner ${runnerId}`);
        if (current.version !== seenVersion) {
          if (!this.isDue(current.tokens)) return current.tokens;
          seenVersion = current.version;
          break; // changed but still stale: try the lease again
        }
      }
    }
  }

  /** Refreshes under the runner's lease; null when someone else holds it. */
  private async refreshIfLeased(runnerId: string, holder: string): Promise<TrackerTokens | null> {
    const store = this.options.tokens;
    if (!(await store.acquireRefreshLease(runnerId, holder, this.options.clock.now(), this.leaseMs))) return null;
    try {
      return await this.refreshHoldingLease(runnerId);
    } finally {
      await store.releaseRefreshLease(runnerId, holder);
    }
  }

  private async refreshHoldingLease(runnerId: string): Promise<TrackerTokens> {
    const store = this.options.tokens;
    // Re-read under the lease: whoever held it before us may already have refreshed.
    const current = await store.getTokens(runnerId);
    if (!current) throw new TrackerAuthError('no-tokens', `no Strava tokens for runner ${runnerId}`);
    if (!this.isDue(current.tokens)) return current.tokens;

    const res = await this.postForm(`${this.oauthUrl}/token`, {
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: current.tokens.refreshToken,
    });
    if (res.status === 400) {
      if (!(await isInvalidRefreshToken(res))) throw new StravaApiError(400, 'token refresh: HTTP 400');
      // Another writer (e.g. a lease that expired mid-refresh, or a reconnect) may have rotated it.
      const again = await store.getTokens(runnerId);
      if (again && again.version !== current.version && !this.isDue(again.tokens)) return again.tokens;
      throw new TrackerAuthError('invalid-refresh-token', `Strava rejected the refresh token for runner ${runnerId}`);
    }
    const body = await this.expectJson(res, tokenResponseSchema, 'token refresh');
    // Always persist: the old refresh token is dead the moment Strava answered.
    const fresh = toTokens(body, current.tokens.scopes);
    const written = await store.putTokens(runnerId, fresh, current.version);
    if (written === null) {
      // Someone wrote in between (a reconnect). Keep theirs if usable, else ours on top of theirs.
      const latest = await store.getTokens(runnerId);
      if (latest && !this.isDue(latest.tokens)) return latest.tokens;
      await store.putTokens(runnerId, fresh, latest?.version ?? null);
    }
    return fresh;
  }

  /* -------------------------------------------------------------- HTTP */

  /** No answer (network error, timeout) becomes StravaApiError status 0; the message names the path only. */
  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const what = `${init.method ?? 'GET'} ${new URL(url).pathname}`;
      throw new StravaApiError(0, `${what}: ${isTimeout(err) ? 'timed out' : 'no response'}`, { cause: err });
    }
  }

  private postForm(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  private recordRateLimit(headers: Headers): RateLimitSnapshot | null {
    const snapshot = parseRateLimitHeaders(headers, this.options.clock.now());
    if (snapshot) {
      this.rateLimit = snapshot;
      lastRateLimit = snapshot;
    }
    return snapshot;
  }

  /** Parses a 200 body; errors say what failed but never echo the body (it may hold tokens). */
  private async expectJson<S extends z.ZodType>(res: Response, schema: S, what: string): Promise<z.output<S>> {
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new StravaApiError(res.status, `${what}: HTTP ${res.status}`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (err) {
      // The body can time out (or the connection drop) after the status line arrived.
      if (isTimeout(err)) throw new StravaApiError(0, `${what}: timed out reading the response`, { cause: err });
      throw new StravaApiError(res.status, `${what}: response is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      throw new StravaApiError(res.status, `${what}: unexpected response shape (${fields})`);
    }
    return parsed.data;
  }
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}
