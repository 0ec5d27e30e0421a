import { renderPostRunStretch } from '../domain/messages/post-run-stretch.js';
import { deliveryTime } from '../domain/quiet-hours.js';
import type { OutgoingMessage } from '../domain/types.js';
import { isRun } from '../domain/workout.js';
import type { WorkoutRecordedDetail } from '../ports/events.js';
import type { Clock, DueQueue, Ledger, Notifier, RunnerStore, WorkoutStore } from '../ports/index.js';

export interface NudgeDeps {
  runners: Pick<RunnerStore, 'getRunner'>;
  workouts: Pick<WorkoutStore, 'getWorkout'>;
  ledger: Ledger;
  due: DueQueue;
  notifier: Notifier;
  clock: Clock;
}

/** A run synced this long after it started is old news (a manual entry, a late upload): no text. */
export const STALE_AFTER_HOURS = 24;
/** How long the "sent once" record is kept; longer than any retry or re-delivery could arrive. */
export const LEDGER_TTL_DAYS = 90;

export type NudgeOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'held'; dueAt: string }
  | {
      status: 'skipped';
      reason: 'not-new' | 'backfill' | 'no-runner' | 'no-workout' | 'not-a-run' | 'stale' | 'no-phone' | 'sms-off' | 'already-sent';
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
  if (!(await deps.ledger.claim(runner.runnerId, ledgerKey, now, LEDGER_TTL_DAYS))) {
    return { status: 'skipped', reason: 'already-sent' };
  }

  const message: OutgoingMessage = {
    runnerId: runner.runnerId,
    channel: 'sms',
    to: phone,
    kind: 'post-run-stretch',
    text: renderPostRunStretch({ firstName: runner.firstName, workout, units: runner.measurementPreference }),
  };
  const sendAt = deliveryTime(now, runner.settings.quietHours, runner.settings.timeZone);
  try {
    if (sendAt.getTime() > now.getTime()) {
      await deps.due.schedule({
        runnerId: runner.runnerId,
        id: ledgerKey,
        dueAt: sendAt.toISOString(),
        payload: { type: 'message', message, ledgerKey },
      });
      return { status: 'held', dueAt: sendAt.toISOString() };
    }
    const { messageId } = await deps.notifier.send(message);
    return { status: 'sent', messageId };
  } catch (err) {
    // Nothing went out: give the claim back so the bus's retry can try again.
    await deps.ledger.release(runner.runnerId, ledgerKey);
    throw err;
  }
}
