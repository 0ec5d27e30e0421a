/**
 * Ports: what the use cases need from the outside world. Adapters in shared/adapters implement them
 * (DynamoDB, Strava, SNS, outbox, KMS/AES, EventBridge/in-process bus); tests may use the same adapters
 * against dynalite and a fake Strava server.
 */
import type { BusEvent } from './events.js';
import type {
  MeasurementPreference,
  OutgoingMessage,
  Runner,
  RunnerSettings,
  TimeZone,
  TrackerTokens,
  Workout,
} from '../domain/types.js';
import type { ActivityEvent, ActivityVersion, WeekFigures } from '../domain/week/figures.js';

export type { BusEvent } from './events.js';
export { TrackerApiError, TrackerAuthError, isTrackerUnavailable, type TrackerAuthReason } from './tracker-errors.js';

export interface Clock {
  now(): Date;
}

/** Symmetric encryption for data at rest (tokens). KMS on AWS, AES-256-GCM locally. */
export interface Cipher {
  /** `context` is bound to the ciphertext (KMS encryption context / GCM additional data). */
  encrypt(plaintext: string, context: Record<string, string>): Promise<string>;
  decrypt(ciphertext: string, context: Record<string, string>): Promise<string>;
}

export interface Notifier {
  /** Delivers one message; throws when the channel refused it (the caller may retry). */
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

export type EmailSubscriptionStatus = 'pending-confirmation' | 'confirmed';

/**
 * Where a runner's email goes when it is sent through SNS: their own topic
 * (`runnudge-runner-<runnerId>`) with their address subscribed. SNS sends the address a confirmation
 * link, and nothing is delivered until the runner follows it (the settings page says so). Locally
 * the outbox needs no confirmation.
 */
export interface EmailSubscriptions {
  /**
   * Creates the runner's topic if needed and subscribes `email` unless it already is; any other
   * address on the topic is removed, so changing the address moves the subscription. Idempotent.
   */
  ensure(runnerId: string, email: string): Promise<{ topicArn: string; status: EmailSubscriptionStatus }>;
  /** Deletes the runner's topic and every subscription on it (account deleted, email cleared). Idempotent. */
  remove(runnerId: string): Promise<void>;
}

export interface EventPublisher {
  /** Durably hands the events to the bus; resolves only when every entry was accepted. */
  publish(events: BusEvent[]): Promise<void>;
}

export interface NewAthlete {
  athleteId: number;
  firstName: string;
  measurementPreference: MeasurementPreference;
  /** Zone to start with when the runner has none yet (IANA). */
  timeZone?: string;
}

export interface RunnerStore {
  getRunner(runnerId: string): Promise<Runner | null>;
  findRunnerByAthlete(athleteId: number): Promise<Runner | null>;
  /**
   * Creates the runner for this athlete, or returns the existing one (name and units refreshed).
   * Safe under concurrent calls: one athlete never gets two runners.
   */
  upsertRunnerForAthlete(input: NewAthlete): Promise<Runner>;
  updateSettings(runnerId: string, settings: RunnerSettings): Promise<Runner>;
  /**
   * Moves the runner's zone from `from` to `to`, a zone learned from their tracker, unless they chose
   * a zone themselves (`settings.timeZoneSetByRunner`). One conditional write that touches nothing
   * else, so neither a settings save nor another adoption racing with it is overwritten. Returns the
   * updated runner, or null when the zone is no longer `from`, the runner set it, or is gone.
   */
  adoptTimeZone(runnerId: string, zones: { from: string; to: string }): Promise<Runner | null>;
  /** Deletes every item stored for the runner (profile, tokens, workouts, ledger, held items, lookup). */
  deleteRunner(runnerId: string): Promise<void>;
}

export interface StoredTokens {
  tokens: TrackerTokens;
  /** Optimistic-lock version; increases on every write. */
  version: number;
}

export interface TokenStore {
  getTokens(runnerId: string): Promise<StoredTokens | null>;
  /**
   * Writes tokens (encrypted) if the stored version still equals `expectedVersion`
   * (null: no tokens stored yet, or overwrite unconditionally when `force`). Returns the new version,
   * or null when another writer got there first.
   */
  putTokens(runnerId: string, tokens: TrackerTokens, expectedVersion: number | null): Promise<number | null>;
  /** A short lease so that only one refresh per runner runs at a time. True when acquired. */
  acquireRefreshLease(runnerId: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  releaseRefreshLease(runnerId: string, holder: string): Promise<void>;
}

export interface WorkoutStore {
  /** Inserts or overwrites by (runnerId, sourceId); moves the item if the local date changed. */
  putWorkout(workout: Workout): Promise<void>;
  getWorkout(runnerId: string, sourceId: string): Promise<Workout | null>;
  /** True when something was deleted. */
  deleteWorkout(runnerId: string, sourceId: string): Promise<boolean>;
  /** Workouts with localDate in [fromDate, toDate] (inclusive, "YYYY-MM-DD"), oldest first. */
  listWorkouts(runnerId: string, fromDate: string, toDate: string): Promise<Workout[]>;
}

/**
 * Our own weekly figures (shared/domain/week/figures.ts): one item per runner and ISO week, one
 * contribution per activity, folded last-writer-wins on the event version so redelivered and
 * out-of-order events never count twice. Lives under the runner, so it goes with them.
 */
export interface WeekFiguresStore {
  /** Folds one create/update/delete; 'stale' when a newer (or equal) version is already folded. */
  apply(runnerId: string, timeZone: TimeZone, event: ActivityEvent): Promise<'applied' | 'stale'>;
  /** The activity's folded version and week (no week: deleted or not counted), or null when never folded. */
  version(runnerId: string, activityId: string): Promise<ActivityVersion | null>;
  /** The weeks whose Monday is in [fromWeekStart, toWeekStart], oldest first: one Query. */
  listWeeks(runnerId: string, fromWeekStart: string, toWeekStart: string): Promise<WeekFigures[]>;
}

/** "At most once" records: a conditional write per (runner, key). dynalite has no transactions. */
export interface Ledger {
  /** True the first time a key is claimed, false ever after (until it expires or is released). */
  claim(runnerId: string, key: string, now: Date, ttlDays: number): Promise<boolean>;
  /** Gives a claim back, e.g. when the send failed and a retry should be allowed. */
  release(runnerId: string, key: string): Promise<void>;
}

/**
 * What was known about a webhook delivery when it arrived: `new` (recorded now, as pending),
 * `pending` (recorded before but never handed off: a crash, or a delivery still in flight) or
 * `handed-off` (a true duplicate).
 */
export type DeliveryState = 'new' | 'pending' | 'handed-off';

/** Remembers webhook deliveries (per runner, so they go with the runner) so Strava's retries have the effect of one. */
export interface EventDedupe {
  /** Records the delivery as pending unless a record younger than `ttlSeconds` exists; says which. */
  record(runnerId: string, key: string, now: Date, ttlSeconds: number): Promise<DeliveryState>;
  /** The event is on the bus: later deliveries of `key` are duplicates. */
  markHandedOff(runnerId: string, key: string): Promise<void>;
  /** Forgets `key`, so a delivery whose hand-off failed is accepted when Strava retries it. */
  forget(runnerId: string, key: string): Promise<void>;
}

/**
 * The tracker reads one runner may spend per window (activity fetches, delete checks), so that one
 * athlete's events (a flood of forged ones included) cannot use up the app's shared read limit.
 */
export interface ReadBudget {
  /** Takes one read from the runner's count for the window starting at `windowStart`; false when `limit` is spent. */
  take(runnerId: string, windowStart: Date, limit: number): Promise<boolean>;
}

/**
 * An activity event that is waiting rather than fetched on its own: its runner's read budget was
 * spent, or the tracker answered 404 (Strava does right after a create). One list of the runner's
 * activities settles every one that waits (see shared/usecases/resolve-pending.ts).
 */
export interface PendingActivity {
  activityId: string;
  aspect: 'create' | 'update';
  /** Unix seconds, from the webhook event: the list looks back from here. */
  eventTime: number;
  /** Lists of the runner's activities that did not show it yet. */
  checks: number;
  /** ISO instant it started waiting. */
  since: string;
}

export interface PendingActivities {
  /** Adds the activity unless it already waits (the older entry, with its checks, is kept). */
  add(runnerId: string, item: PendingActivity): Promise<void>;
  list(runnerId: string): Promise<PendingActivity[]>;
  put(runnerId: string, item: PendingActivity): Promise<void>;
  remove(runnerId: string, activityId: string): Promise<void>;
}

/** Work to do later: held texts (quiet hours) and deferred bus events (Strava 404 right after create). */
export type DuePayload =
  /** `expiresAt` (ISO instant): a held text still due after it is dropped, not sent (shared/domain/text-delivery.ts). */
  | { type: 'message'; message: OutgoingMessage; ledgerKey: string; expiresAt?: string }
  | { type: 'event'; event: BusEvent; attempt: number };

export interface DueItem {
  runnerId: string;
  /** Stable id: scheduling the same id twice keeps one item. */
  id: string;
  /** ISO instant. */
  dueAt: string;
  payload: DuePayload;
}

export interface DueQueue {
  schedule(item: DueItem): Promise<void>;
  /** Schedules the item unless one with its id is already waiting; false when one was (it is kept). */
  scheduleIfAbsent(item: DueItem): Promise<boolean>;
  /** Schedules the item unless one with its id is waiting for an earlier (or the same) time. */
  scheduleNoLater(item: DueItem): Promise<void>;
  /** Items with dueAt <= now, oldest first, at most `limit`. */
  listDue(now: Date, limit: number): Promise<DueItem[]>;
  /** Removes the item; false when it was already gone (another worker took it). */
  remove(item: DueItem): Promise<boolean>;
}

/** Progress of a runner's history import from one tracker, so that it resumes where it stopped. */
export interface BackfillCursor {
  /** ISO instant: activities that started after this are imported... */
  after: string;
  /** ...and before this one (the connect); later activities arrive by webhook. */
  before: string;
  /** The next page of the tracker's activity list to fetch (1-based). */
  nextPage: number;
  /** Workouts stored by the import so far. */
  imported: number;
  /** ISO instant. */
  startedAt: string;
  /** ISO instant; set once the last page is stored. */
  finishedAt?: string;
}

export interface BackfillStore {
  getCursor(runnerId: string): Promise<BackfillCursor | null>;
  /** Creates the cursor unless the runner has one; returns the stored cursor (an existing one wins). */
  startCursor(runnerId: string, cursor: BackfillCursor): Promise<BackfillCursor>;
  /**
   * Moves the cursor on from `fromPage` with a conditional write. False when its nextPage is no longer
   * `fromPage`, it is finished, or it is gone: another invocation did that page (or the runner left).
   */
  advanceCursor(
    runnerId: string,
    fromPage: number,
    next: Pick<BackfillCursor, 'nextPage' | 'imported' | 'finishedAt'>,
  ): Promise<boolean>;
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
 * tracker-errors.ts).
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
