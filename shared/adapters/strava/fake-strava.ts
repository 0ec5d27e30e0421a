/**
 * A Strava look-alike for tests and for the local runtime's "Strava sandbox". It follows the shapes
 * and rules in shared/docs/strava.md: OAuth with single-use codes, 6-hour access tokens, refresh-token
 * rotation (the old one dies immediately), the same access token back while it has > 1 h left,
 * Strava's error bodies, and rate-limit headers with quarter-hour windows.
 *
 * Paths are relative to wherever it is mounted: `/oauth/...` and `/api/v3/...`. No test-framework
 * imports: it ships with the local runtime. Time comes from the injectable `now()`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DateTime } from 'luxon';
import type { StravaWebhookEvent } from './schemas.js';
import { parseStravaTimezone } from './timezone.js';

export const ACCESS_TOKEN_TTL_S = 21_600;
/** Strava hands back the same access token on refresh while it has more than this left. */
const SAME_TOKEN_THRESHOLD_S = 3_600;
const CODE_TTL_S = 600;
const MAX_BODY_BYTES = 64 * 1024;
const FIRST_ACTIVITY_ID = 13_000_000_000;

/** Strava's error bodies, verbatim where strava.md quotes them. */
export const STRAVA_ERRORS = {
  invalidRefreshToken: {
    message: 'Bad Request',
    errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }],
  },
  invalidCode: { message: 'Bad Request', errors: [{ resource: 'AuthorizationCode', field: 'code', code: 'invalid' }] },
  invalidClientId: { message: 'Bad Request', errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }] },
  invalidClientSecret: {
    message: 'Authorization Error',
    errors: [{ resource: 'Application', field: 'client_secret', code: 'invalid' }],
  },
  invalidAccessToken: {
    message: 'Authorization Error',
    errors: [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }],
  },
  missingActivityScope: {
    message: 'Authorization Error',
    errors: [{ resource: 'AccessToken', field: 'activity:read_permission', code: 'missing' }],
  },
  activityNotFound: { message: 'Record Not Found', errors: [{ resource: 'Activity', field: 'id', code: 'not found' }] },
  rateLimited: {
    message: 'Rate Limit Exceeded',
    errors: [{ resource: 'Application', field: 'rate limit', code: 'exceeded' }],
  },
} as const;

const badRequest = (resource: string, field: string) => ({
  message: 'Bad Request',
  errors: [{ resource, field, code: 'invalid' }],
});

const KNOWN_SCOPES = new Set([
  'read',
  'read_all',
  'profile:read_all',
  'profile:write',
  'activity:read',
  'activity:read_all',
  'activity:write',
]);

/* ------------------------------------------------------------------ shapes */

export interface FakeAthleteInput {
  id: number;
  firstname: string;
  lastname?: string;
  measurement_preference?: 'meters' | 'feet';
}

export interface FakeAthlete extends Required<FakeAthleteInput> {
  username: string;
  city: string;
  country: string;
  sex: 'M' | 'F' | null;
  created_at: string;
}

export interface FakeLap {
  id: number;
  resource_state: 2;
  name: string;
  activity: { id: number; resource_state: 1 };
  athlete: { id: number; resource_state: 1 };
  elapsed_time: number;
  moving_time: number;
  start_date: string;
  start_date_local: string;
  distance: number;
  start_index: number;
  end_index: number;
  total_elevation_gain: number;
  average_speed: number;
  max_speed: number;
  lap_index: number;
  split: number;
  pace_zone: number;
}

/** A DetailedActivity with the fields Strava fills for a typical GPS upload. */
export interface FakeActivity {
  id: number;
  resource_state: 3;
  external_id: string;
  upload_id: number;
  athlete: { id: number; resource_state: 1 };
  name: string;
  distance: number;
  moving_time: number;
  elapsed_time: number;
  total_elevation_gain: number;
  type: string;
  sport_type: string;
  workout_type: number | null;
  start_date: string;
  start_date_local: string;
  timezone: string;
  utc_offset: number;
  start_latlng: [number, number] | [];
  end_latlng: [number, number] | [];
  achievement_count: number;
  kudos_count: number;
  comment_count: number;
  athlete_count: number;
  photo_count: number;
  total_photo_count: number;
  trainer: boolean;
  commute: boolean;
  manual: boolean;
  private: boolean;
  visibility: 'everyone' | 'followers_only' | 'only_me';
  flagged: boolean;
  gear_id: string | null;
  average_speed: number;
  max_speed: number;
  has_heartrate: boolean;
  has_kudoed: boolean;
  hide_from_home: boolean;
  pr_count: number;
  device_name: string | null;
  description: string | null;
  calories: number;
  laps: FakeLap[];
}

export interface FakeStravaOptions {
  clientId: string | number;
  clientSecret: string;
  /** Clock for token expiry, codes, rate-limit windows and default start times. */
  now?: () => Date;
  subscriptionId?: number;
  /**
   * Called with the webhook body Strava would POST when an authorized athlete's state changes
   * (activity create/update/delete, deauthorization). The sandbox forwards these to /webhooks/strava.
   */
  onWebhookEvent?: (event: StravaWebhookEvent) => void;
  /** Strava's current defaults: 200/2,000 overall, 100/1,000 non-upload (strava.md §3). */
  limits?: { overall15: number; overallDaily: number; read15: number; readDaily: number };
  /** When set, redirect_uri must be on this domain (localhost and 127.0.0.1 are always allowed). */
  callbackDomain?: string;
  /** Called after every state change (tokens rotate over HTTP too), e.g. to persist exportState(). */
  onStateChange?: () => void;
}

/** Everything the fake knows, as plain JSON: the sandbox persists it so a restart keeps tokens valid. */
export interface FakeStravaState {
  version: 1;
  athletes: FakeAthlete[];
  authorized: [number, string[]][];
  activities: FakeActivity[];
  accessTokens: [string, AccessGrant][];
  refreshTokens: [string, { athleteId: number; scopes: string[] }][];
  nextActivityId: number;
}

export interface AccessGrant {
  athleteId: number;
  expiresAt: number;
  scopes: string[];
}

/* ------------------------------------------------------------------ helpers */

const token = () => randomBytes(20).toString('hex');
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const round = (n: number, digits: number) => Number(n.toFixed(digits));

const RIDE_SPORTS = new Set(['Ride', 'VirtualRide', 'GravelRide', 'MountainBikeRide', 'EBikeRide', 'EMountainBikeRide']);
const RUN_SPORTS = new Set(['Run', 'TrailRun', 'VirtualRun']);
/** Deprecated `type` for sport types that were folded into an older one. */
const LEGACY_TYPE: Record<string, string> = {
  TrailRun: 'Run',
  GravelRide: 'Ride',
  MountainBikeRide: 'Ride',
  EMountainBikeRide: 'EBikeRide',
};

function dayPart(hour: number): string {
  if (hour >= 5 && hour < 12) return 'Morning';
  if (hour >= 12 && hour < 17) return 'Afternoon';
  if (hour >= 17 && hour < 21) return 'Evening';
  return 'Night';
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** OAuth endpoints take form data, JSON, or query parameters (clients use all three). */
async function readParams(req: IncomingMessage, url: URL): Promise<Map<string, string>> {
  const params = new Map(url.searchParams);
  const raw = await readBody(req);
  if (!raw) return params;
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const json: unknown = JSON.parse(raw);
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      for (const [k, v] of Object.entries(json)) {
        if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
      }
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw)) params.set(k, v);
  }
  return params;
}

/* ------------------------------------------------------------------ the fake */

export type FakeStrava = ReturnType<typeof createFakeStrava>;

export function createFakeStrava(options: FakeStravaOptions) {
  const now = options.now ?? (() => new Date());
  const nowS = () => Math.floor(now().getTime() / 1000);
  const clientId = String(options.clientId);
  const subscriptionId = options.subscriptionId ?? 1;
  const limits = options.limits ?? { overall15: 200, overallDaily: 2000, read15: 100, readDaily: 1000 };

  const athletes = new Map<number, FakeAthlete>();
  /** Scopes each athlete granted this app; absent when not (or no longer) authorized. */
  const authorized = new Map<number, string[]>();
  const activities = new Map<number, FakeActivity>();
  const codes = new Map<string, { athleteId: number; scopes: string[]; expiresAt: number }>();
  const accessTokens = new Map<string, AccessGrant>();
  const refreshTokens = new Map<string, { athleteId: number; scopes: string[] }>();
  const notFoundRemaining = new Map<number, number>();
  let nextActivityId = FIRST_ACTIVITY_ID;
  let forcedRateLimits = 0;
  const usage = { window15: -1, day: -1, overall15: 0, overallDaily: 0, read15: 0, readDaily: 0 };
  const stats = { refreshCount: 0 };
  const requests: { method: string; path: string }[] = [];
  const changed = () => options.onStateChange?.();

  /* ---------------------------------------------------------------- state API */

  function addAthlete(input: FakeAthleteInput): FakeAthlete {
    const athlete: FakeAthlete = {
      id: input.id,
      firstname: input.firstname,
      lastname: input.lastname ?? 'Sandbox',
      measurement_preference: input.measurement_preference ?? 'meters',
      username: `${input.firstname.toLowerCase().replace(/[^a-z0-9]/g, '')}${input.id}`,
      city: 'Berlin',
      country: 'Germany',
      sex: null,
      created_at: isoSeconds(now()),
    };
    athletes.set(athlete.id, athlete);
    changed();
    return athlete;
  }

  function requireAthlete(athleteId: number): FakeAthlete {
    const athlete = athletes.get(athleteId);
    if (!athlete) throw new Error(`fake Strava: unknown athlete ${athleteId}`);
    return athlete;
  }

  function emit(event: Omit<StravaWebhookEvent, 'subscription_id' | 'event_time'>): void {
    options.onWebhookEvent?.({ ...event, subscription_id: subscriptionId, event_time: nowS() });
  }

  /** Whether the athlete's grant lets the app see this activity (and so hear about it). */
  function canSee(scopes: string[] | undefined, activity: FakeActivity): boolean {
    if (!scopes) return false;
    if (scopes.includes('activity:read_all')) return true;
    return scopes.includes('activity:read') && activity.visibility !== 'only_me';
  }

  function makeLaps(a: FakeActivity, metric: boolean): FakeLap[] {
    const lapLength = RUN_SPORTS.has(a.sport_type) ? (metric ? 1000 : 1609.34) : Math.max(a.distance, 1);
    const count = Math.max(1, Math.ceil(a.distance / lapLength - 1e-9));
    const startMs = Date.parse(a.start_date);
    const laps: FakeLap[] = [];
    let done = 0;
    let doneMoving = 0;
    for (let i = 0; i < count; i++) {
      const distance = i === count - 1 ? a.distance - done : lapLength;
      const share = a.distance > 0 ? distance / a.distance : 1;
      const moving = i === count - 1 ? a.moving_time - doneMoving : Math.round(a.moving_time * share);
      const elapsedBefore = Math.round((a.elapsed_time * doneMoving) / Math.max(a.moving_time, 1));
      const lapStart = new Date(startMs + elapsedBefore * 1000);
      const lapStartLocal = DateTime.fromMillis(lapStart.getTime(), { zone: 'utc' }).plus({ seconds: a.utc_offset });
      const speed = moving > 0 ? round(distance / moving, 3) : 0;
      laps.push({
        id: a.id * 100 + i + 1,
        resource_state: 2,
        name: `Lap ${i + 1}`,
        activity: { id: a.id, resource_state: 1 },
        athlete: { id: a.athlete.id, resource_state: 1 },
        elapsed_time: Math.round((a.elapsed_time * moving) / Math.max(a.moving_time, 1)),
        moving_time: moving,
        start_date: isoSeconds(lapStart),
        start_date_local: `${lapStartLocal.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`,
        distance: round(distance, 1),
        start_index: Math.round(doneMoving),
        end_index: Math.round(doneMoving + moving),
        total_elevation_gain: round(a.total_elevation_gain * share, 1),
        average_speed: speed,
        max_speed: round(speed * 1.18, 3),
        lap_index: i + 1,
        split: i + 1,
        pace_zone: RUN_SPORTS.has(a.sport_type) ? 2 : 0,
      });
      done += distance;
      doneMoving += moving;
    }
    return laps;
  }

  /** Recomputes local start, offset and default laps from start_date and timezone. */
  function localise(a: FakeActivity, explicit: Partial<FakeActivity>): void {
    const zone = parseStravaTimezone(a.timezone) ?? 'UTC';
    const start = DateTime.fromISO(a.start_date, { zone: 'utc' }).setZone(zone);
    if (explicit.utc_offset === undefined) a.utc_offset = start.offset * 60;
    if (explicit.start_date_local === undefined) {
      // Strava writes the local wall clock with a "Z" that does not mean UTC.
      a.start_date_local = `${start.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`;
    }
  }

  function addActivity(athleteId: number, partial: Partial<FakeActivity> = {}): FakeActivity {
    const athlete = requireAthlete(athleteId);
    const id = partial.id ?? nextActivityId++;
    if (id >= nextActivityId) nextActivityId = id + 1;
    const sport = partial.sport_type ?? partial.type ?? 'Run';
    const isRide = RIDE_SPORTS.has(sport);
    const distance = partial.distance ?? (isRide ? 30_000 : 8_000);
    // 5:30 min/km running, 25 km/h riding.
    const moving = partial.moving_time ?? Math.round(isRide ? distance / (25 / 3.6) : distance * 0.33);
    const elapsed = partial.elapsed_time ?? moving + 75;
    const startDate = partial.start_date ?? isoSeconds(new Date((nowS() - elapsed) * 1000));
    const timezone = partial.timezone ?? '(GMT+01:00) Europe/Berlin';
    const localHour = DateTime.fromISO(startDate, { zone: 'utc' }).setZone(parseStravaTimezone(timezone) ?? 'UTC').hour;
    const isPrivate = partial.private ?? partial.visibility === 'only_me';

    const activity: FakeActivity = {
      resource_state: 3,
      external_id: `garmin_ping_${id}`,
      upload_id: id + 1_000_000_000,
      name: `${dayPart(localHour)} ${isRide ? 'Ride' : RUN_SPORTS.has(sport) ? 'Run' : 'Activity'}`,
      total_elevation_gain: round(distance / 200, 1),
      type: LEGACY_TYPE[sport] ?? sport,
      workout_type: RUN_SPORTS.has(sport) ? 0 : isRide ? 10 : null,
      start_latlng: [52.5163, 13.3777],
      end_latlng: [52.5169, 13.3781],
      achievement_count: 0,
      kudos_count: 0,
      comment_count: 0,
      athlete_count: 1,
      photo_count: 0,
      total_photo_count: 0,
      trainer: false,
      commute: false,
      manual: false,
      flagged: false,
      gear_id: null,
      average_speed: moving > 0 ? round(distance / moving, 3) : 0,
      max_speed: moving > 0 ? round((distance / moving) * 1.35, 3) : 0,
      has_heartrate: true,
      has_kudoed: false,
      hide_from_home: false,
      pr_count: 0,
      device_name: 'Garmin Forerunner 265',
      description: null,
      calories: Math.round(distance / 16),
      laps: [],
      utc_offset: 0,
      start_date_local: '',
      ...partial,
      id,
      athlete: { id: athlete.id, resource_state: 1 },
      sport_type: sport,
      distance,
      moving_time: moving,
      elapsed_time: elapsed,
      start_date: startDate,
      timezone,
      private: isPrivate,
      visibility: partial.visibility ?? (isPrivate ? 'only_me' : 'everyone'),
    };
    localise(activity, partial);
    if (partial.laps === undefined) {
      activity.laps = activity.manual ? [] : makeLaps(activity, athlete.measurement_preference === 'meters');
    }
    activities.set(id, activity);
    changed();
    if (canSee(authorized.get(athleteId), activity)) {
      emit({ object_type: 'activity', object_id: id, aspect_type: 'create', owner_id: athleteId, updates: {} });
    }
    return activity;
  }

  /** Applies a patch; emits the update (or, for privacy without read_all, delete/create) Strava would. */
  function updateActivity(activityId: number, patch: Partial<FakeActivity>): FakeActivity {
    const activity = activities.get(activityId);
    if (!activity) throw new Error(`fake Strava: unknown activity ${activityId}`);
    const scopes = authorized.get(activity.athlete.id);
    const visibleBefore = canSee(scopes, activity);
    const { id: _id, athlete: _athlete, ...rest } = patch;
    Object.assign(activity, rest);
    if (patch.sport_type !== undefined && patch.type === undefined) {
      activity.type = LEGACY_TYPE[patch.sport_type] ?? patch.sport_type;
    }
    if (patch.private !== undefined && patch.visibility === undefined) {
      activity.visibility = patch.private ? 'only_me' : 'everyone';
    }
    if (patch.visibility !== undefined && patch.private === undefined) activity.private = patch.visibility === 'only_me';
    if (patch.start_date !== undefined || patch.timezone !== undefined) localise(activity, patch);
    if (patch.laps === undefined && (patch.distance !== undefined || patch.moving_time !== undefined)) {
      const athlete = requireAthlete(activity.athlete.id);
      activity.laps = activity.manual ? [] : makeLaps(activity, athlete.measurement_preference === 'meters');
    }

    changed();
    const visibleAfter = canSee(scopes, activity);
    const base = { object_type: 'activity' as const, object_id: activityId, owner_id: activity.athlete.id };
    if (visibleBefore && !visibleAfter) emit({ ...base, aspect_type: 'delete', updates: {} });
    else if (!visibleBefore && visibleAfter) emit({ ...base, aspect_type: 'create', updates: {} });
    else if (visibleAfter) {
      const updates: Record<string, string> = {};
      if (patch.name !== undefined) updates.title = patch.name;
      if (patch.sport_type !== undefined || patch.type !== undefined) updates.type = activity.sport_type;
      if ((patch.private !== undefined || patch.visibility !== undefined) && scopes?.includes('activity:read_all')) {
        updates.private = String(activity.private);
      }
      if (Object.keys(updates).length > 0) emit({ ...base, aspect_type: 'update', updates });
    }
    return activity;
  }

  function deleteActivity(activityId: number): boolean {
    const activity = activities.get(activityId);
    if (!activity) return false;
    activities.delete(activityId);
    changed();
    if (canSee(authorized.get(activity.athlete.id), activity)) {
      emit({ object_type: 'activity', object_id: activityId, aspect_type: 'delete', owner_id: activity.athlete.id, updates: {} });
    }
    return true;
  }

  function normaliseScopes(scope: string): string[] {
    return [...new Set(scope.split(/[,\s]+/).filter(Boolean))];
  }

  /** A single-use authorization code, as if the athlete had clicked "Authorize". */
  function issueCode(athleteId: number, scope = 'read,activity:read_all'): string {
    requireAthlete(athleteId);
    const code = token();
    codes.set(code, { athleteId, scopes: normaliseScopes(scope), expiresAt: nowS() + CODE_TTL_S });
    return code;
  }

  function latestAccess(athleteId: number): [string, AccessGrant] | undefined {
    let best: [string, AccessGrant] | undefined;
    for (const entry of accessTokens) {
      if (entry[1].athleteId === athleteId && (!best || entry[1].expiresAt >= best[1].expiresAt)) best = entry;
    }
    return best;
  }

  /** New access + refresh pair; previous refresh tokens of the athlete stop working. */
  function grant(athleteId: number, scopes: string[]) {
    for (const [rt, info] of refreshTokens) if (info.athleteId === athleteId) refreshTokens.delete(rt);
    const accessToken = token();
    const refreshToken = token();
    const expiresAt = nowS() + ACCESS_TOKEN_TTL_S;
    accessTokens.set(accessToken, { athleteId, expiresAt, scopes });
    refreshTokens.set(refreshToken, { athleteId, scopes });
    authorized.set(athleteId, scopes);
    changed();
    return tokenBody(accessToken, refreshToken, expiresAt);
  }

  function tokenBody(accessToken: string, refreshToken: string, expiresAt: number) {
    return {
      token_type: 'Bearer',
      expires_at: expiresAt,
      expires_in: expiresAt - nowS(),
      refresh_token: refreshToken,
      access_token: accessToken,
    };
  }

  /** Tokens without the OAuth dance (seeding tests and the sandbox). Same body as the code exchange. */
  function issueTokens(athleteId: number, scope = 'read,activity:read_all') {
    const athlete = requireAthlete(athleteId);
    return { ...grant(athleteId, normaliseScopes(scope)), athlete: summaryAthlete(athlete) };
  }

  /** Makes every access token of the athlete expired now (refresh tokens keep working). */
  function expireAccessToken(athleteId: number): void {
    for (const info of accessTokens.values()) if (info.athleteId === athleteId) info.expiresAt = nowS() - 1;
    changed();
  }

  /** `GET /activities/{id}` answers 404 the next `times` times for this id (Strava's early-fetch 404). */
  function notFoundNext(activityId: number, times = 1): void {
    notFoundRemaining.set(activityId, times);
  }

  /** The next `times` API requests get 429, whatever the counters say. */
  function rateLimitNext(times = 1): void {
    forcedRateLimits = times;
  }

  function revoke(athleteId: number): void {
    for (const [t, info] of accessTokens) if (info.athleteId === athleteId) accessTokens.delete(t);
    for (const [t, info] of refreshTokens) if (info.athleteId === athleteId) refreshTokens.delete(t);
    const was = authorized.delete(athleteId);
    changed();
    if (was)
      emit({
        object_type: 'athlete',
        object_id: athleteId,
        aspect_type: 'update',
        owner_id: athleteId,
        updates: { authorized: 'false' },
      });
  }

  /* ---------------------------------------------------------------- representations */

  function summaryAthlete(a: FakeAthlete) {
    return {
      id: a.id,
      username: a.username,
      resource_state: 2,
      firstname: a.firstname,
      lastname: a.lastname,
      bio: null,
      city: a.city,
      state: null,
      country: a.country,
      sex: a.sex,
      premium: false,
      summit: false,
      created_at: a.created_at,
      updated_at: a.created_at,
      badge_type_id: 0,
      weight: null,
      profile_medium: 'avatar/athlete/medium.png',
      profile: 'avatar/athlete/large.png',
      friend: null,
      follower: null,
    };
  }

  /** Detailed athlete (with measurement_preference) only for profile:read_all, like Strava. */
  function athleteFor(a: FakeAthlete, scopes: string[]) {
    const summary = summaryAthlete(a);
    if (!scopes.includes('profile:read_all')) return summary;
    return {
      ...summary,
      resource_state: 3,
      measurement_preference: a.measurement_preference,
      ftp: null,
      clubs: [],
      bikes: [],
      shoes: [],
    };
  }

  function summaryActivity(a: FakeActivity) {
    const { laps: _laps, description: _d, calories: _c, ...summary } = a;
    return { ...summary, resource_state: 2 };
  }

  /* ---------------------------------------------------------------- rate limits */

  /** Counts one API request; every /api/v3 request here is "non-upload", so it counts for both limits. */
  function countRequest(): { headers: Record<string, string>; limited: boolean } {
    const ms = now().getTime();
    const window15 = Math.floor(ms / 900_000);
    const day = Math.floor(ms / 86_400_000);
    if (day !== usage.day) Object.assign(usage, { day, overallDaily: 0, readDaily: 0 });
    if (window15 !== usage.window15) Object.assign(usage, { window15, overall15: 0, read15: 0 });
    usage.overall15++;
    usage.overallDaily++;
    usage.read15++;
    usage.readDaily++;
    const over =
      usage.overall15 > limits.overall15 ||
      usage.overallDaily > limits.overallDaily ||
      usage.read15 > limits.read15 ||
      usage.readDaily > limits.readDaily;
    const forced = forcedRateLimits > 0;
    if (forced) forcedRateLimits--;
    return {
      limited: over || forced,
      headers: {
        'x-ratelimit-limit': `${limits.overall15},${limits.overallDaily}`,
        'x-ratelimit-usage': `${usage.overall15},${usage.overallDaily}`,
        'x-readratelimit-limit': `${limits.read15},${limits.readDaily}`,
        'x-readratelimit-usage': `${usage.read15},${usage.readDaily}`,
      },
    };
  }

  function bearer(req: IncomingMessage): AccessGrant | null {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const info = match ? accessTokens.get(match[1]!) : undefined;
    return info && info.expiresAt > nowS() ? info : null;
  }

  /* ---------------------------------------------------------------- endpoints */

  function authorizePage(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    if (q.get('client_id') !== clientId) return sendJson(res, 400, badRequest('Application', 'client_id'));
    if (q.get('response_type') !== 'code') return sendJson(res, 400, badRequest('Application', 'response_type'));
    let redirect: URL;
    try {
      redirect = new URL(q.get('redirect_uri') ?? '');
    } catch {
      return sendJson(res, 400, badRequest('Application', 'redirect_uri'));
    }
    const host = redirect.hostname;
    const domainOk =
      !options.callbackDomain ||
      host === 'localhost' ||
      host === '127.0.0.1' ||
      host === options.callbackDomain ||
      host.endsWith(`.${options.callbackDomain}`);
    if (!['http:', 'https:'].includes(redirect.protocol) || !domainOk) {
      return sendJson(res, 400, badRequest('Application', 'redirect_uri'));
    }
    const requested = normaliseScopes(q.get('scope') ?? 'read');
    if (requested.some((s) => !KNOWN_SCOPES.has(s))) return sendJson(res, 400, badRequest('Authorize', 'scope'));

    // Which sandbox athlete is signing in: `athlete_id` (a fake-only parameter), else the newest one.
    const wanted = Number(q.get('athlete_id'));
    const athlete = athletes.get(wanted) ?? [...athletes.values()].at(-1) ?? addAthlete({ id: 100_001, firstname: 'Sandy' });
    const state = q.get('state');

    const link = (params: Record<string, string>) => {
      const target = new URL(redirect);
      if (state !== null) target.searchParams.set('state', state);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      return escapeHtml(target.toString());
    };
    const full = requested.join(',');
    const narrow = requested.filter((s) => !s.startsWith('activity:')).join(',') || 'read';
    const narrowLink =
      narrow !== full
        ? `<p><a id="authorize-narrow" href="${link({ code: issueCode(athlete.id, narrow), scope: narrow })}">Authorize without activity access</a></p>`
        : '';
    sendHtml(
      res,
      200,
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strava sandbox: authorize</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
<h1>Strava sandbox</h1>
<p>This is a local stand-in for Strava, not the real site.</p>
<p><strong>${escapeHtml(`${athlete.firstname} ${athlete.lastname}`)}</strong>, an app is asking for:
<code>${escapeHtml(full)}</code></p>
<p><a id="authorize" href="${link({ code: issueCode(athlete.id, full), scope: full })}">Authorize</a>
&nbsp; <a id="cancel" href="${link({ error: 'access_denied' })}">Cancel</a></p>
${narrowLink}
</body></html>`,
    );
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let params: Map<string, string>;
    try {
      params = await readParams(req, url);
    } catch {
      return sendJson(res, 400, { message: 'Bad Request', errors: [] });
    }
    if (params.get('client_id') !== clientId) return sendJson(res, 400, STRAVA_ERRORS.invalidClientId);
    if (params.get('client_secret') !== options.clientSecret) return sendJson(res, 401, STRAVA_ERRORS.invalidClientSecret);

    switch (params.get('grant_type')) {
      case 'authorization_code': {
        const code = params.get('code') ?? '';
        const entry = codes.get(code);
        codes.delete(code); // single use, even when expired
        if (!entry || entry.expiresAt <= nowS()) return sendJson(res, 400, STRAVA_ERRORS.invalidCode);
        const athlete = requireAthlete(entry.athleteId);
        return sendJson(res, 200, { ...grant(entry.athleteId, entry.scopes), athlete: summaryAthlete(athlete) });
      }
      case 'refresh_token': {
        stats.refreshCount++;
        const old = params.get('refresh_token') ?? '';
        const info = refreshTokens.get(old);
        if (!info) return sendJson(res, 400, STRAVA_ERRORS.invalidRefreshToken);
        // Rotation: the old refresh token is invalidated immediately.
        refreshTokens.delete(old);
        const refreshToken = token();
        refreshTokens.set(refreshToken, info);
        const current = latestAccess(info.athleteId);
        if (current && current[1].expiresAt - nowS() > SAME_TOKEN_THRESHOLD_S) {
          changed();
          return sendJson(res, 200, tokenBody(current[0], refreshToken, current[1].expiresAt));
        }
        // A new access token; older ones stay valid until they expire.
        const accessToken = token();
        const expiresAt = nowS() + ACCESS_TOKEN_TTL_S;
        accessTokens.set(accessToken, { athleteId: info.athleteId, expiresAt, scopes: info.scopes });
        changed();
        return sendJson(res, 200, tokenBody(accessToken, refreshToken, expiresAt));
      }
      default:
        return sendJson(res, 400, badRequest('Application', 'grant_type'));
    }
  }

  async function deauthorizeEndpoint(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let params: Map<string, string>;
    try {
      params = await readParams(req, url);
    } catch {
      return sendJson(res, 400, { message: 'Bad Request', errors: [] });
    }
    const bearerToken = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const accessToken = params.get('access_token') ?? bearerToken ?? '';
    const info = accessTokens.get(accessToken);
    if (!info || info.expiresAt <= nowS()) return sendJson(res, 401, STRAVA_ERRORS.invalidAccessToken);
    revoke(info.athleteId);
    sendJson(res, 200, { access_token: accessToken });
  }

  function apiRequest(req: IncomingMessage, res: ServerResponse, url: URL, path: string): void {
    const { headers, limited } = countRequest();
    if (limited) return sendJson(res, 429, STRAVA_ERRORS.rateLimited, headers);
    const auth = bearer(req);
    if (!auth) return sendJson(res, 401, STRAVA_ERRORS.invalidAccessToken, headers);
    const athlete = requireAthlete(auth.athleteId);

    if (path === '/api/v3/athlete') return sendJson(res, 200, athleteFor(athlete, auth.scopes), headers);

    const hasActivityScope = auth.scopes.includes('activity:read') || auth.scopes.includes('activity:read_all');
    if (!hasActivityScope) return sendJson(res, 401, STRAVA_ERRORS.missingActivityScope, headers);

    if (path === '/api/v3/athlete/activities') {
      const q = url.searchParams;
      const int = (name: string, fallback: number | null) => {
        const raw = q.get(name);
        if (raw === null || raw === '') return fallback;
        return /^\d+$/.test(raw) ? Number(raw) : NaN;
      };
      const before = int('before', null);
      const after = int('after', null);
      const page = int('page', 1);
      const perPage = int('per_page', 30);
      for (const [name, v] of Object.entries({ before, after, page, per_page: perPage })) {
        if (Number.isNaN(v)) return sendJson(res, 400, badRequest('Application', name), headers);
      }
      const size = Math.min(Math.max(perPage ?? 30, 1), 200);
      const pageNo = Math.max(page ?? 1, 1);
      const list = [...activities.values()]
        .filter((a) => a.athlete.id === athlete.id && canSee(auth.scopes, a))
        .filter((a) => before === null || Date.parse(a.start_date) / 1000 < before)
        .filter((a) => after === null || Date.parse(a.start_date) / 1000 > after)
        // Newest first; with only `after`, Strava pages forward in time (oldest first).
        .sort((x, y) => (after !== null && before === null ? 1 : -1) * (Date.parse(x.start_date) - Date.parse(y.start_date)));
      return sendJson(res, 200, list.slice((pageNo - 1) * size, pageNo * size).map(summaryActivity), headers);
    }

    const idText = /^\/api\/v3\/activities\/(\d{1,16})$/.exec(path)?.[1];
    const id = idText === undefined ? NaN : Number(idText);
    const pending = notFoundRemaining.get(id) ?? 0;
    if (pending > 0) {
      notFoundRemaining.set(id, pending - 1);
      return sendJson(res, 404, STRAVA_ERRORS.activityNotFound, headers);
    }
    const activity = activities.get(id);
    if (!activity || activity.athlete.id !== athlete.id || !canSee(auth.scopes, activity)) {
      return sendJson(res, 404, STRAVA_ERRORS.activityNotFound, headers);
    }
    sendJson(res, 200, activity, headers);
  }

  /**
   * Handles the request when `pathname` (relative to the mount) is one of Strava's endpoints.
   * Returns false otherwise, so the host can answer 404 or try other routes.
   */
  async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    const url = new URL(req.url ?? '/', 'http://fake-strava.invalid');
    const isApi =
      method === 'GET' &&
      (path === '/api/v3/athlete' || path === '/api/v3/athlete/activities' || /^\/api\/v3\/activities\/[^/]+$/.test(path));
    const route =
      method === 'GET' && (path === '/oauth/authorize' || path === '/oauth/mobile/authorize')
        ? 'authorize'
        : method === 'POST' && (path === '/oauth/token' || path === '/api/v3/oauth/token')
          ? 'token'
          : method === 'POST' && path === '/oauth/deauthorize'
            ? 'deauthorize'
            : isApi
              ? 'api'
              : null;
    if (!route) return false;
    requests.push({ method, path });
    try {
      if (route === 'authorize') authorizePage(res, url);
      else if (route === 'token') await tokenEndpoint(req, res, url);
      else if (route === 'deauthorize') await deauthorizeEndpoint(req, res, url);
      else apiRequest(req, res, url, path);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Error', errors: [{ code: String((err as Error).message) }] });
      else res.destroy();
    }
    return true;
  }

  /** Drops expired access tokens so a long-lived sandbox state does not grow forever. */
  function exportState(): FakeStravaState {
    const t = nowS();
    return structuredClone({
      version: 1,
      athletes: [...athletes.values()],
      authorized: [...authorized],
      activities: [...activities.values()],
      accessTokens: [...accessTokens].filter(([, g]) => g.expiresAt > t),
      refreshTokens: [...refreshTokens],
      nextActivityId,
    });
  }

  function importState(state: FakeStravaState): void {
    const copy = structuredClone(state);
    athletes.clear();
    authorized.clear();
    activities.clear();
    accessTokens.clear();
    refreshTokens.clear();
    for (const a of copy.athletes) athletes.set(a.id, a);
    for (const [id, scopes] of copy.authorized) authorized.set(id, scopes);
    for (const a of copy.activities) activities.set(a.id, a);
    for (const [t, g] of copy.accessTokens) accessTokens.set(t, g);
    for (const [t, r] of copy.refreshTokens) refreshTokens.set(t, r);
    nextActivityId = Math.max(copy.nextActivityId, FIRST_ACTIVITY_ID);
  }

  return {
    handle,
    exportState,
    importState,
    addAthlete,
    addActivity,
    updateActivity,
    deleteActivity,
    issueCode,
    issueTokens,
    expireAccessToken,
    notFoundNext,
    rateLimitNext,
    /** Revokes the athlete's grant as if they removed the app in Strava's settings. */
    revokeAthlete: revoke,
    getActivity: (id: number): FakeActivity | undefined => activities.get(id),
    getAthlete: (id: number): FakeAthlete | undefined => athletes.get(id),
    isAuthorized: (athleteId: number): boolean => authorized.has(athleteId),
    /** Refresh-token grant requests received, successful or not. */
    get refreshCount(): number {
      return stats.refreshCount;
    },
    /** Every handled request, oldest first (paths only: no query strings, so no tokens). */
    requests,
  };
}
