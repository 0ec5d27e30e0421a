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
  TrackerTokens,
  Workout,
} from '../domain/types.js';

export type { BusEvent } from './events.js';

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

/** "At most once" records: a conditional write per (runner, key). dynalite has no transactions. */
export interface Ledger {
  /** True the first time a key is claimed, false ever after (until it expires or is released). */
  claim(runnerId: string, key: string, now: Date, ttlDays: number): Promise<boolean>;
  /** Gives a claim back, e.g. when the send failed and a retry should be allowed. */
  release(runnerId: string, key: string): Promise<void>;
}

/** Remembers webhook deliveries so that Strava's retries have the effect of one. */
export interface EventDedupe {
  /** True the first time `key` is seen within `ttlSeconds`. */
  firstSeen(key: string, now: Date, ttlSeconds: number): Promise<boolean>;
  /** Forgets `key`, so a delivery whose hand-off failed is accepted when Strava retries it. */
  forget(key: string): Promise<void>;
}

/** Work to do later: held texts (quiet hours) and deferred bus events (Strava 404 right after create). */
export type DuePayload =
  | { type: 'message'; message: OutgoingMessage; ledgerKey: string }
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
  /** Items with dueAt <= now, oldest first, at most `limit`. */
  listDue(now: Date, limit: number): Promise<DueItem[]>;
  /** Removes the item; false when it was already gone (another worker took it). */
  remove(item: DueItem): Promise<boolean>;
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

export interface TrackerClient {
  /** Exchanges an OAuth code for tokens and the athlete summary. */
  exchangeCode(code: string): Promise<{ tokens: TrackerTokens; athlete: TrackerAthlete }>;
  /** Fetches and normalizes one activity with the runner's token (refreshing it first when due). */
  fetchWorkout(runnerId: string, activityId: string): Promise<FetchWorkoutResult>;
  /** Revokes the app's access for this runner; best effort. */
  deauthorize(runnerId: string): Promise<void>;
}
