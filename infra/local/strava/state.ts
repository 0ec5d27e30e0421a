/**
 * What the fake Strava knows (athletes, grants, activities, codes and tokens) and the changes a test
 * or the sandbox page can make to it; each change emits the webhook event Strava would send.
 */
import { DateTime } from 'luxon';
import { parseStravaTimezone } from '../../../shared/adapters/strava/timezone.js';
import { localise, LEGACY_TYPE, makeLaps, dayPart, RIDE_SPORTS, RUN_SPORTS, type LapPlan, plannedLaps } from './activities.js';
import { summaryAthlete } from './representations.js';
import {
  ACCESS_TOKEN_TTL_S,
  type AccessGrant,
  CODE_TTL_S,
  type FakeActivity,
  type FakeAthlete,
  type FakeAthleteInput,
  type FakeStravaOptions,
  type FakeStravaState,
  FIRST_ACTIVITY_ID,
  isoSeconds,
  round,
  token,
} from './shapes.js';
import type { StravaWebhookEvent } from '../../../shared/ports/index.js';
import { LocalRuntimeError } from '../errors.js';

export type StravaState = ReturnType<typeof createStravaState>;

export function createStravaState(options: FakeStravaOptions) {
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
  /** Mutable counters, shared with the API (forced 429s). */
  const counters = { nextActivityId: FIRST_ACTIVITY_ID, forcedRateLimits: 0 };
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
    if (!athlete) throw new LocalRuntimeError(`fake Strava: unknown athlete ${athleteId}`);
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

  /** `plan`: laps of an interval session (distance, moving time and laps follow from it). */
  function addActivity(athleteId: number, partial: Partial<FakeActivity> = {}, plan?: LapPlan[]): FakeActivity {
    const athlete = requireAthlete(athleteId);
    if (plan) {
      partial = {
        ...partial,
        distance: plan.reduce((n, p) => n + p.distanceM, 0),
        moving_time: plan.reduce((n, p) => n + Math.round((p.distanceM / 1000) * p.paceSPerKm), 0),
      };
    }
    const id = partial.id ?? counters.nextActivityId++;
    if (id >= counters.nextActivityId) counters.nextActivityId = id + 1;
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
    if (plan) activity.laps = plannedLaps(activity, plan);
    else if (partial.laps === undefined) {
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
    if (!activity) throw new LocalRuntimeError(`fake Strava: unknown activity ${activityId}`);
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
    counters.forcedRateLimits = times;
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
      nextActivityId: counters.nextActivityId,
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
    counters.nextActivityId = Math.max(copy.nextActivityId, FIRST_ACTIVITY_ID);
  }

  return {
    options,
    now,
    nowS,
    clientId,
    limits,
    athletes,
    authorized,
    activities,
    codes,
    accessTokens,
    refreshTokens,
    notFoundRemaining,
    counters,
    usage,
    stats,
    requests,
    changed,
    addAthlete,
    requireAthlete,
    canSee,
    addActivity,
    updateActivity,
    deleteActivity,
    normaliseScopes,
    issueCode,
    latestAccess,
    grant,
    tokenBody,
    issueTokens,
    expireAccessToken,
    notFoundNext,
    rateLimitNext,
    revoke,
    exportState,
    importState,
  };
}
