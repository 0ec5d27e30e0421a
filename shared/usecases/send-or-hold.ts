import { deliveryTime } from '../domain/quiet-hours.js';
import { heldTextExpiry, quietHoursApply } from '../domain/text-delivery.js';
import type { OutgoingMessage, Runner } from '../domain/types.js';
import type { Clock, DueQueue, Ledger, Notifier } from '../ports/index.js';

export interface SendDeps {
  ledger: Ledger;
  due: DueQueue;
  notifier: Notifier;
  clock: Clock;
}

/** How long a "sent once" record is kept; longer than any retry or re-delivery could arrive. */
export const LEDGER_TTL_DAYS = 90;

export type SendOutcome = { status: 'sent'; messageId: string } | { status: 'held'; dueAt: string } | { status: 'already-sent' };

/**
 * Sends a message at most once per `ledgerKey`: claims the key (a conditional write), then sends now,
 * or — for a text during the runner's quiet hours — holds it in the due queue until they end. Which
 * texts wait (not emails, codes or replies) and which held texts go stale (a core nudge past its day)
 * is decided in shared/domain/text-delivery.ts. If the send fails, the claim is given back so a retry
 * can try again.
 */
export async function sendOnce(
  message: OutgoingMessage,
  runner: Runner,
  ledgerKey: string,
  deps: SendDeps,
): Promise<SendOutcome> {
  const now = deps.clock.now();
  if (!(await deps.ledger.claim(runner.runnerId, ledgerKey, now, LEDGER_TTL_DAYS))) return { status: 'already-sent' };
  try {
    const zone = runner.settings.timeZone;
    const sendAt = quietHoursApply(message) ? deliveryTime(now, runner.settings.quietHours, zone) : now;
    if (sendAt.getTime() > now.getTime()) {
      const expiresAt = heldTextExpiry(message.kind, now, zone);
      await deps.due.schedule({
        runnerId: runner.runnerId,
        id: ledgerKey,
        dueAt: sendAt.toISOString(),
        payload: { type: 'message', message, ledgerKey, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
      });
      return { status: 'held', dueAt: sendAt.toISOString() };
    }
    const { messageId } = await deps.notifier.send(message);
    return { status: 'sent', messageId };
  } catch (err) {
    await deps.ledger.release(runner.runnerId, ledgerKey);
    throw err;
  }
}

/** The channel and address to reach a runner on, honouring their channel switches. */
export function smsTo(runner: Runner): string | null {
  return runner.settings.channels.sms && runner.settings.phone ? runner.settings.phone : null;
}

export function emailTo(runner: Runner): string | null {
  return runner.settings.channels.email && runner.settings.email ? runner.settings.email : null;
}
