/**
 * The one sender (issue 9, part 1): every message asks here, and this alone decides its fate with
 * shared/domain/sending/decide-send.ts, then sends it, holds it (due queue) or suppresses it, and
 * records the outcome in the runner's message log (`recentMessages` on `GET /api/me`).
 *
 * Once-only delivery stays the ledger's job: the message's ledger key is claimed before anything
 * else, so a redelivered event neither sends twice nor logs its fate twice. A suppression is final
 * for that key (the same nudge is not worth sending later); a failed send gives the claim back.
 */
import { decideSend, CAP_EXEMPT_KINDS, type MessageRequest, type SenderState } from '../domain/sending/decide-send.js';
import { inZone } from '../domain/time.js';
import type { OutgoingMessage, Runner } from '../domain/types.js';
import type { Clock, DueQueue, Ledger, Notifier } from '../ports/index.js';
import type { MessageLog, MessageLogEntry, PhoneRecords } from '../ports/message-log.js';
import type { SuppressReason } from '../domain/sending/decide-send.js';
import { SendInFlightError } from './errors.js';
import { idempotencyKey, LEDGER_OPTIONS } from './send-or-hold.js';

export interface SendMessageDeps {
  ledger: Ledger;
  due: DueQueue;
  notifier: Notifier;
  clock: Clock;
  log: MessageLog;
  phones: PhoneRecords;
}

/** A message as a rule or feature asks for it: the address is the sender's to choose (codes excepted). */
export interface MessageAsk {
  message: Omit<OutgoingMessage, 'to'> & { to?: string };
  ledgerKey: string;
  reply?: MessageRequest['reply'];
}

export type SendMessageOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'held'; dueAt: string }
  | { status: 'suppressed'; reason: SuppressReason }
  | { status: 'already-sent' };

/** Nudge texts sent so far on the runner's local day of `now` (from the log, which keeps 30 days). */
export function nudgesSentToday(entries: MessageLogEntry[], now: Date, zone: string): number {
  const dayStart = inZone(now, zone).startOf('day').toMillis();
  return entries.filter(
    (e) => e.channel === 'sms' && e.status === 'sent' && !CAP_EXEMPT_KINDS.includes(e.kind) && Date.parse(e.at) >= dayStart,
  ).length;
}

export async function senderState(
  runner: Runner,
  deps: Pick<SendMessageDeps, 'log' | 'phones'>,
  now: Date,
): Promise<SenderState> {
  const [verification, consent, recent] = await Promise.all([
    deps.phones.getVerification(runner.runnerId),
    deps.phones.getConsent(runner.runnerId),
    deps.log.recent(runner.runnerId, now),
  ]);
  return {
    settings: runner.settings,
    verification,
    consent,
    ...(runner.smsOptedOutAt ? { smsOptedOutAt: runner.smsOptedOutAt } : {}),
    nudgesSentToday: nudgesSentToday(recent, now, runner.settings.timeZone),
  };
}

export async function sendMessage(runner: Runner, ask: MessageAsk, deps: SendMessageDeps): Promise<SendMessageOutcome> {
  const now = deps.clock.now();
  const { message } = ask;
  // The two-phase ledger (claimed → sent | held) is the resilience feature's; the sender only calls it.
  const claim = await deps.ledger.claim(runner.runnerId, ask.ledgerKey, now, LEDGER_OPTIONS);
  if (claim === 'done') return { status: 'already-sent' };
  if (claim === 'in-flight') throw new SendInFlightError(ask.ledgerKey);
  const log = (entry: Omit<MessageLogEntry, 'kind' | 'channel' | 'at'>) =>
    deps.log.record(runner.runnerId, { kind: message.kind, channel: message.channel, at: now.toISOString(), ...entry });
  let sentId: string;
  try {
    const state = await senderState(runner, deps, now);
    const request: MessageRequest = {
      channel: message.channel,
      kind: message.kind,
      ...(message.to ? { to: message.to } : {}),
      ...(ask.reply ? { reply: ask.reply } : {}),
    };
    const decision = decideSend(state, request, now);
    if (decision.action === 'suppress') {
      // Final for this key: recorded as done so a redelivery neither retries nor logs it again.
      await deps.ledger.recordSent(runner.runnerId, ask.ledgerKey, `suppressed:${decision.reason}`, now);
      await log({ status: 'suppressed', reason: decision.reason });
      return { status: 'suppressed', reason: decision.reason };
    }
    const outgoing: OutgoingMessage = { ...message, to: decision.to };
    if (decision.action === 'hold') {
      await deps.due.schedule({
        runnerId: runner.runnerId,
        id: ask.ledgerKey,
        dueAt: decision.until,
        payload: {
          type: 'message',
          message: outgoing,
          ledgerKey: ask.ledgerKey,
          ...(decision.expiresAt ? { expiresAt: decision.expiresAt } : {}),
        },
      });
      await deps.ledger.recordHeld(runner.runnerId, ask.ledgerKey, decision.until);
      await log({ status: 'held' });
      return { status: 'held', dueAt: decision.until };
    }
    sentId = (await deps.notifier.send(outgoing, { idempotencyKey: idempotencyKey(runner.runnerId, ask.ledgerKey) })).messageId;
  } catch (err) {
    await deps.ledger.release(runner.runnerId, ask.ledgerKey);
    throw err;
  }
  // Outside the try: once the text is out, a failed log write must not give the claim back (a retry
  // would text the runner twice).
  await deps.ledger.recordSent(runner.runnerId, ask.ledgerKey, sentId, deps.clock.now());
  await log({ status: 'sent' });
  return { status: 'sent', messageId: sentId };
}

/**
 * A held text whose quiet hours are over, taken off the due queue: decided again at its send time
 * (the runner may have texted STOP, changed number or withdrawn consent overnight; it may be stale),
 * then sent or dropped, and the outcome logged. Its ledger key was claimed when it was held.
 */
export async function deliverHeld(
  runner: Runner,
  held: { message: OutgoingMessage; expiresAt?: string },
  deps: Omit<SendMessageDeps, 'ledger' | 'due'>,
): Promise<SendMessageOutcome> {
  const now = deps.clock.now();
  const { message } = held;
  const state = await senderState(runner, deps, now);
  // Quiet hours are over by construction: re-check everything else, never hold twice.
  const decision = decideSend(
    { ...state, settings: { ...state.settings, quietHours: { start: '00:00', end: '00:00' } } },
    { channel: message.channel, kind: message.kind, ...(held.expiresAt ? { expiresAt: held.expiresAt } : {}) },
    now,
  );
  const entry = { kind: message.kind, channel: message.channel, at: now.toISOString() };
  if (decision.action === 'suppress') {
    await deps.log.record(runner.runnerId, { ...entry, status: 'suppressed', reason: decision.reason });
    return { status: 'suppressed', reason: decision.reason };
  }
  const { messageId } = await deps.notifier.send({ ...message, to: decision.to });
  await deps.log.record(runner.runnerId, { ...entry, status: 'sent' });
  return { status: 'sent', messageId };
}
