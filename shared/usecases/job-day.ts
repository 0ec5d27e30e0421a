import type { OutgoingMessage, Runner } from '../domain/types.js';
import type { RuleSettings } from '../domain/week/types.js';
import type { SendOutcome } from './send-or-hold.js';
import type { TrainingWeeks } from './training-weeks.js';

/** What one decision of a per-runner job did: sent, held, already sent, or skipped (and why). */
export type JobStep = { kind: OutgoingMessage['kind']; outcome: SendOutcome | { status: 'skipped'; reason: string } };

/**
 * What a per-runner job reads once and hands to each of its decisions: the runner, the local date
 * the job runs for, and their training weeks up to that date.
 */
export interface JobDay {
  runner: Runner;
  /** Local date "YYYY-MM-DD" in the runner's zone. */
  today: string;
  weeks: TrainingWeeks;
  settings: RuleSettings;
}

/** No run on `today` (the week summary already knows which days had one). */
export function isRestDay(day: JobDay): boolean {
  return day.weeks.current.daily.find((d) => d.date === day.today)?.runs === 0;
}
