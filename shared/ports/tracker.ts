/**
 * Ports to the runner's activity tracker (Strava today): fetching and listing workouts, rate
 * limits, access checks, and the shape of its push events. Its errors are in errors.ts.
 */
import type { MeasurementPreference, TrackerTokens, Workout } from '../domain/types.js';

/** Strava's webhook body after validation at the edge (its field names kept); the schema in shared/adapters/strava/schemas.ts satisfies it. */
export interface StravaWebhookEvent {
  object_type: 'activity' | 'athlete';
  object_id: number;
  aspect_type: 'create' | 'update' | 'delete';
  updates: Record<string, string>;
  owner_id: number;
  subscription_id: number;
  event_time: number;
}

/** Result of asking the tracker for one activity. */
export type FetchWorkoutResult =
  | { status: 'ok'; workout: Workout }
  | { status: 'not-found' }
  | { status: 'rate-limited'; retryAt: Date };

export interface TrackerAthlete {
  athleteId: number;
  firstName: string;
  measurementPreference: MeasurementPreference;
}

/** One page of the runner's activity list: activities that started in (after, before), newest first. */
export interface ListWorkoutsQuery {
  after: Date;
  before?: Date;
  /** 1-based. */
  page: number;
  perPage: number;
}

export type ListWorkoutsResult =
  /** `hasMore`: the page was full, so the next one may hold more. `skipped`: entries that failed validation. */
  { status: 'ok'; workouts: Workout[]; hasMore: boolean; skipped: number } | { status: 'rate-limited'; retryAt: Date };

/** Requests used and allowed in one of the tracker's rate limits: the short window and the day. */
export interface RateLimitWindow {
  usage15: number;
  usageDaily: number;
  limit15: number | null;
  limitDaily: number | null;
}

/** The rate-limit headers of one tracker response. */
export interface RateLimitSnapshot {
  overall: RateLimitWindow | null;
  read: RateLimitWindow | null;
  at: Date;
}

/** A snapshot plus when its counts reset, so callers can pace themselves without knowing the tracker's rules. */
export interface RateLimitStatus extends RateLimitSnapshot {
  /** When the short-window counts of this snapshot reset (Strava: the next quarter hour). */
  windowResetsAt: Date;
  /** When the daily counts reset (Strava: the next UTC midnight). */
  dailyResetsAt: Date;
}

/**
 * Whether the app may still act for the runner, as the tracker itself says: 'revoked' only when it
 * refused the runner's credentials, 'unknown' when it could not be asked (network, 5xx, 429).
 */
export type TrackerAccess = 'authorized' | 'revoked' | 'unknown';

/**
 * Throws TrackerAuthError when the runner's grant is unusable (connect again; never worth retrying)
 * and TrackerApiError for any other unexpected answer, status 0 when there was none (see
 * errors.ts).
 */
export interface TrackerClient {
  /** Exchanges an OAuth code for tokens and the athlete summary. */
  exchangeCode(code: string): Promise<{ tokens: TrackerTokens; athlete: TrackerAthlete }>;
  /** Fetches and normalizes one activity with the runner's token (refreshing it first when due). */
  fetchWorkout(runnerId: string, activityId: string): Promise<FetchWorkoutResult>;
  /** One page of the runner's activities as summary workouts (no laps). */
  listWorkouts(runnerId: string, query: ListWorkoutsQuery): Promise<ListWorkoutsResult>;
  /** Rate-limit usage from this client's latest API response; null before the first one. */
  rateLimitStatus(): RateLimitStatus | null;
  /** Revokes the app's access for this runner; best effort. */
  deauthorize(runnerId: string): Promise<void>;
  /**
   * Asks the tracker whether the runner's grant still works (refreshing the token when due). Webhook
   * events are unsigned, so a deauthorization event is confirmed here before anything is deleted.
   */
  checkAccess(runnerId: string): Promise<TrackerAccess>;
}
