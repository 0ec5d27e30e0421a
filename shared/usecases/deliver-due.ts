import type { Clock, DueItem, DueQueue, EventPublisher, Ledger, Notifier, RunnerStore } from '../ports/index.js';
import { LEDGER_OPTIONS, idempotencyKey } from './send-or-hold.js';

export interface DeliverDueDeps {
  due: DueQueue;
  ledger: Ledger;
  notifier: Notifier;
  publisher: EventPublisher;
  runners: Pick<RunnerStore, 'getRunner'>;
  clock: Clock;
}

export interface DeliverDueResult {
  sent: number;
  republished: number;
  dropped: number;
  failed: number;
  /** Held texts another worker is sending (or crashed while sending): left for a later run. */
  inFlight: number;
  /** Held texts found already sent (a run that crashed before removing the item): removed. */
  alreadySent: number;
}

/** Items per query; the job loops until nothing is due or its time budget is spent. */
const BATCH = 50;
/** A held text whose send failed is tried again this much later. */
const RETRY_MINUTES = 5;

type MessageItem = DueItem & { payload: Extract<DueItem['payload'], { type: 'message' }> };

/**
 * The `due-messages` job: sends held texts whose quiet hours are over (dropping those past their
 * `expiresAt`, see shared/domain/text-delivery.ts) and re-publishes deferred events (Strava 404/429
 * retries). An item is removed only after what it asked for is done — the event accepted by the bus,
 * the text's message id in the ledger — so a crash at any point leaves it to the next run. Two
 * overlapping runs never send one text twice: the send is claimed in the ledger first (two-phase,
 * shared/usecases/send-or-hold.ts), and a claim of a crashed run expires and is taken again.
 */
export async function deliverDue(deps: DeliverDueDeps, maxBatches = 20): Promise<DeliverDueResult> {
  const result: DeliverDueResult = { sent: 0, republished: 0, dropped: 0, failed: 0, inFlight: 0, alreadySent: 0 };
  const seen = new Set<string>();
  for (let i = 0; i < maxBatches; i++) {
    const now = deps.clock.now();
    const items = (await deps.due.listDue(now, BATCH)).filter((item) => !seen.has(`${item.runnerId}/${item.id}`));
    if (items.length === 0) break;
    for (const item of items) {
      seen.add(`${item.runnerId}/${item.id}`); // an in-flight item stays listed: look at it once per run
      if (item.payload.type === 'event') {
        try {
          // Published before it is removed: a crash between the two publishes it twice (handlers are
          // idempotent), never zero times.
          await deps.publisher.publish([item.payload.event]);
        } catch {
          result.failed++;
          continue; // still due: the next run tries again
        }
        await deps.due.remove(item);
        result.republished++;
        continue;
      }
      const outcome = await deliverHeldText(item as MessageItem, now, deps);
      result[outcome]++;
    }
    if (items.length < BATCH) break;
  }
  return result;
}

async function deliverHeldText(
  item: MessageItem,
  now: Date,
  deps: DeliverDueDeps,
): Promise<'sent' | 'dropped' | 'failed' | 'inFlight' | 'alreadySent'> {
  const { message, expiresAt, ledgerKey } = item.payload;
  // Past its day (a core nudge held overnight): dropped, never delivered late. The ledger keeps the
  // key held, so a redelivered event does not send it afresh either.
  if (expiresAt !== undefined && now.getTime() >= Date.parse(expiresAt)) {
    await deps.due.remove(item);
    return 'dropped';
  }
  const runner = await deps.runners.getRunner(item.runnerId);
  // Settings may have changed overnight: respect a removed phone or switched-off texts.
  if (!runner || !runner.settings.channels.sms || !runner.settings.phone) {
    await deps.due.remove(item);
    return 'dropped';
  }
  const claim = await deps.ledger.claim(item.runnerId, ledgerKey, now, { ...LEDGER_OPTIONS, takeHeld: true });
  if (claim === 'in-flight') return 'inFlight';
  if (claim === 'done') {
    await deps.due.remove(item); // sent by a run that crashed before removing the item
    return 'alreadySent';
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.notifier.send(
      { ...message, to: runner.settings.phone },
      { idempotencyKey: idempotencyKey(item.runnerId, ledgerKey) },
    ));
  } catch {
    await deps.ledger.release(item.runnerId, ledgerKey); // back to held
    const attempts = (item.payload.attempts ?? 0) + 1;
    await deps.due.schedule({
      ...item,
      dueAt: new Date(now.getTime() + RETRY_MINUTES * 60_000).toISOString(),
      payload: { ...item.payload, attempts },
    });
    return 'failed';
  }
  await deps.ledger.recordSent(item.runnerId, ledgerKey, messageId, deps.clock.now());
  await deps.due.remove(item);
  return 'sent';
}
