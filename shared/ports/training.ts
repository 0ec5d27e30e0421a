import type { CoreSession } from '../domain/week/types.js';

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
