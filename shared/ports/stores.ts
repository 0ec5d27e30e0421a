/**
 * Ports to what runnudge keeps: runners, tokens, workouts, the ledger and dedupe records, the
 * read budget and waiting activities, the due queue, history-import cursors, check-ins and job
 * schedules. DynamoDB on AWS, dynalite locally (shared/adapters/dynamo).
 */
import type { CoreSession } from '../domain/week/types.js';
import type { ActivityEvent, ActivityVersion, WeekFigures } from '../domain/week/figure-types.js';
import type {
  MeasurementPreference,
  OutgoingMessage,
  Runner,
  RunnerSettings,
  TimeZone,
  TrackerTokens,
  Workout,
} from '../domain/types.js';
import type { BusEvent } from './events.js';

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
  /** Records (ISO instant) or clears (null) the runner's SMS opt-out; touches nothing else. */
  setSmsOptOut(runnerId: string, at: string | null): Promise<Runner>;
  /**
   * Moves the runner's zone from `from` to `to`, a zone learned from their tracker, unless they chose
   * a zone themselves (`settings.timeZoneSetByRunner`). One conditional write that touches nothing
   * else, so neither a settings save nor another adoption racing with it is overwritten. Returns the
   * updated runner, or null when the zone is no longer `from`, the runner set it, or is gone.
   */
  adoptTimeZone(runnerId: string, zones: { from: string; to: string }): Promise<Runner | null>;
  /** Deletes every item stored for the runner (profile, tokens, workouts, ledger, held items, lookup). */
  deleteRunner(runnerId: string): Promise<void>;
  /**
   * Deletion wins every race: work that wrote a runner's data calls this after its last write. When
   * the runner is gone (deleted while the work was in flight) it removes whatever is left under them
   * and says true. deleteRunner removes the profile before it sweeps, so a write after that sweep is
   * always followed by a check that finds no profile. One consistent read when the runner exists.
   */
  sweepIfDeleted(runnerId: string): Promise<boolean>;
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

/** One stored item of a runner: its sort key, expiry (epoch seconds) if any, and its attributes. */
export interface StoredItem {
  sk: string;
  expiresAt?: number;
  data: Record<string, unknown>;
}

/** Everything kept under the runner's key, for `GET /api/me/export`. */
export interface RunnerItems {
  listItems(runnerId: string): Promise<StoredItem[]>;
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

/**
 * What a ledger claim found: `claimed` (yours: send, then record it), `done` (already sent or held
 * for later: do nothing) or `in-flight` (another worker holds a claim that has not expired: it may
 * still send, or it may have crashed; try again after the lease).
 */
export type LedgerClaim = 'claimed' | 'done' | 'in-flight';

export interface LedgerClaimOptions {
  /** How long a "sent" (or "held") record is kept. */
  ttlDays: number;
  /**
   * How long a claim without a provider message id blocks others; after it, the claim counts as
   * abandoned (a crash between claim and send) and is taken again. Longer than any function runs.
   */
  leaseSeconds: number;
  /** Also take a key that is `held` (the due-messages job sending a text held for quiet hours). */
  takeHeld?: boolean;
}

/**
 * The send ledger, two-phase: claimed → sent (with the provider's message id) or held (in the due
 * queue). A claim that never got a message id expires and is taken again, so a crash between claim and
 * send neither loses nor doubles a text. dynalite has no transactions: each step is one conditional write.
 */
export interface Ledger {
  claim(runnerId: string, key: string, now: Date, options: LedgerClaimOptions): Promise<LedgerClaim>;
  /** The provider accepted the message: the key is done for good (until its ttl). */
  recordSent(runnerId: string, key: string, messageId: string, now: Date): Promise<void>;
  /** The message waits in the due queue: the key is done for a fresh send, takeable by the due job. */
  recordHeld(runnerId: string, key: string, dueAt: string): Promise<void>;
  /** Gives a claim back because the send failed: a key taken from `held` goes back to held, any other is removed. */
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
  /** `attempts`: sends that failed so far (after MAX_HELD_SEND_ATTEMPTS the text is dead-lettered). */
  | { type: 'message'; message: OutgoingMessage; ledgerKey: string; expiresAt?: string; attempts?: number }
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

/** What runners tell us directly: core check-ins, back-pain check-ins, plank tests. */
export interface CheckInStore {
  /**
   * Adds a core session. A non-explicit check-in (a tapped link) is one per local day: a second one
   * that day is refused (false). Explicit ones (API, settings page) always add.
   */
  addCoreSession(session: CoreSession): Promise<boolean>;
  /** Check-ins with localDate in [from, to], oldest first. */
  listCoreSessions(runnerId: string, from: string, to: string): Promise<CoreSession[]>;
  /** The runner's answer for an ISO week ("2026-W10"); a later answer replaces an earlier one. */
  recordBackPain(runnerId: string, week: string, pain: boolean, at: Date): Promise<void>;
  /** Answers for the given weeks (missing weeks are absent). */
  listBackPain(runnerId: string, weeks: string[]): Promise<{ week: string; pain: boolean }[]>;
  /** A plank test was offered (date) or its result logged. */
  recordPlankTest(runnerId: string, entry: { date: string; kind: 'offered' | 'completed' | 'not-completed' }): Promise<void>;
  /** The most recent offer or result, if any. */
  lastPlankTest(runnerId: string): Promise<{ date: string; kind: 'offered' | 'completed' | 'not-completed' } | null>;
}

/** Per-runner job times, indexed by UTC hour so an hourly job reads only the runners due now. */
export interface JobScheduleStore {
  setNextRun(runnerId: string, job: string, nextRun: Date): Promise<void>;
  /** Runners whose next run for `job` is at or before `now` (looking back `lookbackHours`), paged. */
  dueRunners(
    job: string,
    now: Date,
    lookbackHours: number,
    pageSize: number,
    cursor?: string,
  ): Promise<{ runnerIds: string[]; cursor?: string }>;
}

/**
 * What could not be done after its retries, kept so that an operator can see it and replay it:
 * a run Strava would not give us, a held text the provider kept refusing, a deauthorization Strava
 * could not confirm, an event every delivery of which failed.
 */
export type DeadLetterKind = 'activity-fetch' | 'held-text' | 'deauthorization' | 'bus-event';

export interface DeadLetter {
  /** Stable per piece of work: dead-lettering it again replaces the entry. */
  id: string;
  kind: DeadLetterKind;
  /** The runner it belongs to (it goes with the runner); absent for an event not tied to one. */
  runnerId?: string;
  /** Why it stopped, in a few words (no personal data). */
  reason: string;
  attempts: number;
  /** ISO instant it was dead-lettered. */
  at: string;
  /** What a redrive does: publish the event again, or put the item back in the due queue (due now). */
  replay: { type: 'event'; event: BusEvent } | { type: 'due'; item: DueItem };
}

export interface DeadLetters {
  put(letter: DeadLetter): Promise<void>;
  /** Every dead letter, oldest first. */
  list(): Promise<DeadLetter[]>;
  remove(letter: Pick<DeadLetter, 'id' | 'runnerId'>): Promise<void>;
}
