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
/**
 * How long a claim with no provider message id blocks a retry: longer than any function may run
 * (5 minutes, infra/wiring.ts), so a live sender is never overtaken, while a crashed one is retried.
 */
export const SEND_LEASE_SECONDS = 600;

export const LEDGER_OPTIONS = { ttlDays: LEDGER_TTL_DAYS, leaseSeconds: SEND_LEASE_SECONDS } as const;

/**
 * Another worker holds an unexpired claim on the key. It may be sending right now or it may have
 * crashed: the caller fails so its delivery is retried (by then the claim is sent, or expired and free).
 */
export class SendInFlightError extends Error {
  constructor(readonly ledgerKey: string) {
    super(`send ${ledgerKey} is claimed by another worker`);
    this.name = 'SendInFlightError';
  }
}

export type SendOutcome = { status: 'sent'; messageId: string } | { status: 'held'; dueAt: string } | { status: 'already-sent' };

/**
 * Sends a message at most once per `ledgerKey`, and never loses it to a crash: claims the key (a
 * conditional write with a lease), sends now — or, for a text during the runner's quiet hours, holds
 * it in the due queue until they end — and then records the provider's message id (or "held").
 * A crash after the claim leaves a claim with no message id, which expires and is taken by the
 * retry. If the send fails, the claim is given back so a retry can try again. The notifier gets the
 * ledger key as an idempotency key, so a provider that has one (the local outbox) drops a repeat sent
 * in the one window left: after the provider accepted and before the id was recorded.
 * Which texts wait and which go stale is decided in shared/domain/text-delivery.ts.
 */
export async function sendOnce(
  message: OutgoingMessage,
  runner: Runner,
  ledgerKey: string,
  deps: SendDeps,
): Promise<SendOutcome> {
  const now = deps.clock.now();
  const claim = await deps.ledger.claim(runner.runnerId, ledgerKey, now, LEDGER_OPTIONS);
  if (claim === 'done') return { status: 'already-sent' };
  if (claim === 'in-flight') throw new SendInFlightError(ledgerKey);
  let messageId: string;
  try {
    const zone = runner.settings.timeZone;
    const sendAt = quietHoursApply(message) ? deliveryTime(now, runner.settings.quietHours, zone) : now;
    if (sendAt.getTime() > now.getTime()) {
      const expiresAt = heldTextExpiry(message.kind, now, zone);
      const dueAt = sendAt.toISOString();
      await deps.due.schedule({
        runnerId: runner.runnerId,
        id: ledgerKey,
        dueAt,
        payload: { type: 'message', message, ledgerKey, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
      });
      await deps.ledger.recordHeld(runner.runnerId, ledgerKey, dueAt);
      return { status: 'held', dueAt };
    }
    ({ messageId } = await deps.notifier.send(message, { idempotencyKey: idempotencyKey(runner.runnerId, ledgerKey) }));
  } catch (err) {
    await deps.ledger.release(runner.runnerId, ledgerKey);
    throw err;
  }
  await deps.ledger.recordSent(runner.runnerId, ledgerKey, messageId, deps.clock.now());
  return { status: 'sent', messageId };
}

/** One key per (runner, ledger key): the same text, however often it is retried. */
export function idempotencyKey(runnerId: string, ledgerKey: string): string {
  return `${runnerId}/${ledgerKey}`;
}

/** The channel and address to reach a runner on, honouring their channel switches. */
export function smsTo(runner: Runner): string | null {
  return runner.settings.channels.sms && runner.settings.phone ? runner.settings.phone : null;
}

export function emailTo(runner: Runner): string | null {
  return runner.settings.channels.email && runner.settings.email ? runner.settings.email : null;
}
