import type { Clock, DeadLetters, DueQueue, EventPublisher } from '../ports/index.js';

export interface RedriveDeps {
  deadLetters: DeadLetters;
  publisher: EventPublisher;
  due: Pick<DueQueue, 'schedule'>;
  clock: Clock;
}

export interface RedriveResult {
  /** Events published again (a run to fetch, a deauthorization to confirm, a failed event). */
  republished: number;
  /** Held texts put back in the due queue, due now (the due-messages job sends them). */
  rescheduled: number;
  /** Letters whose replay failed: kept, for the next redrive. */
  failed: number;
}

/**
 * Replays every dead letter: its event goes back on the bus from the first attempt, its held text
 * back in the due queue. A letter is removed only once its replay was accepted, so a redrive that
 * fails half-way can simply be run again (replays are idempotent: the ledger and the dedupe hold).
 */
export async function redriveDeadLetters(deps: RedriveDeps): Promise<RedriveResult> {
  const result: RedriveResult = { republished: 0, rescheduled: 0, failed: 0 };
  for (const letter of await deps.deadLetters.list()) {
    try {
      if (letter.replay.type === 'event') {
        await deps.publisher.publish([letter.replay.event]);
        result.republished++;
      } else {
        await deps.due.schedule({ ...letter.replay.item, dueAt: deps.clock.now().toISOString() });
        result.rescheduled++;
      }
    } catch {
      result.failed++;
      continue;
    }
    await deps.deadLetters.remove(letter);
  }
  return result;
}
