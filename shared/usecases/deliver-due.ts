import type { Clock, DueQueue, EventPublisher, Notifier, RunnerStore } from '../ports/index.js';

export interface DeliverDueDeps {
  due: DueQueue;
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
}

/** Items per query; the job loops until nothing is due or its time budget is spent. */
const BATCH = 50;
/** A held text whose send failed is tried again this much later. */
const RETRY_MINUTES = 5;

/**
 * The `due-messages` job: sends held texts whose quiet hours are over (dropping those past their
 * `expiresAt`, see shared/domain/text-delivery.ts) and re-publishes deferred
 * events (Strava 404/429 retries). An item is removed (conditionally) before it is acted on, so two
 * overlapping runs never send the same text twice.
 */
export async function deliverDue(deps: DeliverDueDeps, maxBatches = 20): Promise<DeliverDueResult> {
  const result: DeliverDueResult = { sent: 0, republished: 0, dropped: 0, failed: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const now = deps.clock.now();
    const items = await deps.due.listDue(now, BATCH);
    if (items.length === 0) break;
    for (const item of items) {
      if (!(await deps.due.remove(item))) continue; // another run took it
      try {
        if (item.payload.type === 'event') {
          await deps.publisher.publish([item.payload.event]);
          result.republished++;
          continue;
        }
        const { message, expiresAt } = item.payload;
        // Past its day (a core nudge held overnight): dropped, never delivered late.
        if (expiresAt !== undefined && now.getTime() >= Date.parse(expiresAt)) {
          result.dropped++;
          continue;
        }
        const runner = await deps.runners.getRunner(item.runnerId);
        // Settings may have changed overnight: respect a removed phone or switched-off texts.
        if (!runner || !runner.settings.channels.sms || !runner.settings.phone) {
          result.dropped++;
          continue;
        }
        await deps.notifier.send({ ...message, to: runner.settings.phone });
        result.sent++;
      } catch {
        result.failed++;
        await deps.due.schedule({ ...item, dueAt: new Date(now.getTime() + RETRY_MINUTES * 60_000).toISOString() });
      }
    }
    if (items.length < BATCH) break;
  }
  return result;
}
