/**
 * The fake Strava's data shapes, limits and error bodies, as shared/docs/strava.md describes them.
 */
import { randomBytes } from 'node:crypto';
import type { StravaWebhookEvent } from '../../../shared/ports/index.js';

export const ACCESS_TOKEN_TTL_S = 21_600;
/** Strava hands back the same access token on refresh while it has more than this left. */
export const SAME_TOKEN_THRESHOLD_S = 3_600;
export const CODE_TTL_S = 600;
export const MAX_BODY_BYTES = 64 * 1024;
export const FIRST_ACTIVITY_ID = 13_000_000_000;

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

export const badRequest = (resource: string, field: string) => ({
  message: 'Bad Request',
  errors: [{ resource, field, code: 'invalid' }],
});

export const KNOWN_SCOPES = new Set([
  'read',
  'read_all',
  'profile:read_all',
  'profile:write',
  'activity:read',
  'activity:read_all',
  'activity:write',
]);

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

export const token = () => randomBytes(20).toString('hex');
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const round = (n: number, digits: number) => Number(n.toFixed(digits));
