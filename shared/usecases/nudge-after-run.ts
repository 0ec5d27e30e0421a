import { unitsOf } from '../domain/units.js';
import { renderPostRunStretch } from '../domain/messages/post-run-stretch.js';
import type { OutgoingMessage } from '../domain/types.js';
import { isRun } from '../domain/workout.js';
import type { WorkoutRecordedDetail } from '../ports/events.js';
import type { Clock, DueQueue, Ledger, Notifier, RunnerStore, WorkoutStore } from '../ports/index.js';
import { sendOnce } from './send-or-hold.js';

export interface NudgeDeps {
  runners: Pick<RunnerStore, 'getRunner' | 'sweepIfDeleted'>;
  workouts: Pick<WorkoutStore, 'getWorkout'>;
  ledger: Ledger;
  due: DueQueue;
  notifier: Notifier;
  clock: Clock;
}

/** A run synced this long after it started is old news (a manual entry, a late upload): no text. */
export const STALE_AFTER_HOURS = 24;

export type NudgeOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'held'; dueAt: string }
  | {
      status: 'skipped';
      reason:
        | 'not-new'
        | 'backfill'
        | 'no-runner'
        | 'no-workout'
        | 'not-a-run'
        | 'stale'
        | 'no-phone'
        | 'sms-off'
        | 'already-sent';
    };

/**
 * A recorded run → one stretch text, now or at the end of quiet hours. "At most once per activity" is
 * a conditional write in the ledger, claimed before anything is sent or held.
 */
export async function nudgeAfterRun(input: WorkoutRecordedDetail, deps: NudgeDeps): Promise<NudgeOutcome> {
  if (input.backfill) return { status: 'skipped', reason: 'backfill' };
  if (input.aspect !== 'create') return { status: 'skipped', reason: 'not-new' };

  const runner = await deps.runners.getRunner(input.runnerId);
  if (!runner) return { status: 'skipped', reason: 'no-runner' };
  const workout = await deps.workouts.getWorkout(input.runnerId, input.sourceId);
  if (!workout) return { status: 'skipped', reason: 'no-workout' };
  if (!isRun(workout)) return { status: 'skipped', reason: 'not-a-run' };

  const now = deps.clock.now();
  const endedAt = Date.parse(workout.startUtc) + workout.elapsedTimeS * 1000;
  if (now.getTime() - endedAt > STALE_AFTER_HOURS * 3600_000) return { status: 'skipped', reason: 'stale' };
  if (!runner.settings.channels.sms) return { status: 'skipped', reason: 'sms-off' };
  const phone = runner.settings.phone;
  if (!phone) return { status: 'skipped', reason: 'no-phone' };

  const ledgerKey = `post-run-stretch#${workout.source}#${workout.sourceId}`;
  const message: OutgoingMessage = {
    runnerId: runner.runnerId,
    channel: 'sms',
    to: phone,
    kind: 'post-run-stretch',
    text: renderPostRunStretch({ firstName: runner.firstName, workout, units: unitsOf(runner) }),
  };
  const outcome = await sendOnce(message, runner, ledgerKey, deps);
  // Deletion wins: the ledger entry or held text just written goes if the runner left meanwhile.
  await deps.runners.sweepIfDeleted(runner.runnerId);
  return outcome.status === 'already-sent' ? { status: 'skipped', reason: 'already-sent' } : outcome;
}
