/**
 * The one gate every outgoing message passes (issue 9, part 1): send it now, hold it until quiet hours
 * end, or suppress it and say why. Pure: the caller gathers the runner's state (settings, phone
 * verification, consent, opt-out, how many nudges went out today) and the clock.
 *
 * Texts:
 * - A verification code goes only to the number being verified; it needs no consent or verification
 *   (it is how verification happens), ignores the sms switch and quiet hours (the runner is waiting for
 *   it on the page) and the daily cap. An opted-out number gets none.
 * - A reply answers a text the runner just sent, so it goes to the runner's own number at once. After
 *   an opt-out only the one opt-out confirmation and HELP answers go out (carriers require both).
 * - Everything else needs the number verified, consent for that number, no opt-out and the sms switch
 *   on; it waits out quiet hours; a held text past its expiry is dropped (never yesterday's nudge the
 *   next morning); at most `dailyNudgeCap` nudges (default 3) go out per local day.
 * Email needs an address and the email switch on; quiet hours and the cap do not apply to it.
 */
import { isVerified, numberBeingVerified, type PhoneVerification } from '../phone/verification.js';
import { hasConsent, type ConsentRecord } from '../phone/consent.js';
import { deliveryTime } from '../quiet-hours.js';
import { heldTextExpiry, quietHoursApply } from '../text-delivery.js';
import type { Channel, RunnerSettings } from '../types.js';

export const DEFAULT_DAILY_NUDGE_CAP = 3;

/** Kinds that are not nudges: never counted against, nor stopped by, the daily cap. */
export const CAP_EXEMPT_KINDS: readonly string[] = ['phone-verification', 'sms-reply', 'sms-confirmation'];

export type SuppressReason =
  | 'no-address'
  | 'channel-off'
  | 'not-verifying-number'
  | 'unverified'
  | 'no-consent'
  | 'opted-out'
  | 'daily-cap'
  | 'stale';

export interface SenderState {
  settings: Pick<RunnerSettings, 'phone' | 'email' | 'channels' | 'quietHours' | 'timeZone'> & { dailyNudgeCap?: number };
  verification: PhoneVerification | null;
  consent: ConsentRecord | null;
  smsOptedOutAt?: string;
  /** Nudge texts (not cap-exempt kinds) sent so far on the runner's local day of `now`. */
  nudgesSentToday: number;
}

export interface MessageRequest {
  channel: Channel;
  kind: string;
  /** For codes: the number to verify. Otherwise the runner's current address is used. */
  to?: string;
  /** For replies: which answer it is; an opt-out confirmation and HELP still go to an opted-out number. */
  reply?: 'opt-out-confirmation' | 'help' | 'other';
  /** For a held message being delivered: the instant after which it is not worth sending. */
  expiresAt?: string;
}

export type SendDecision =
  | { action: 'send'; to: string }
  | { action: 'hold'; to: string; until: string; expiresAt?: string }
  | { action: 'suppress'; reason: SuppressReason };

const suppress = (reason: SuppressReason): SendDecision => ({ action: 'suppress', reason });

export function decideSend(state: SenderState, request: MessageRequest, now: Date): SendDecision {
  const { settings } = state;
  if (request.channel === 'email') {
    if (!settings.email) return suppress('no-address');
    if (!settings.channels.email) return suppress('channel-off');
    return { action: 'send', to: settings.email };
  }

  if (request.kind === 'phone-verification') {
    const pending = numberBeingVerified(state.verification);
    if (!request.to || request.to !== pending || request.to !== settings.phone) return suppress('not-verifying-number');
    if (state.smsOptedOutAt) return suppress('opted-out');
    return { action: 'send', to: request.to };
  }

  const phone = settings.phone;
  if (!phone) return suppress('no-address');

  if (request.kind === 'sms-reply') {
    const stillAllowed = request.reply === 'opt-out-confirmation' || request.reply === 'help';
    if (state.smsOptedOutAt && !stillAllowed) return suppress('opted-out');
    if (!isVerified(state.verification, phone)) return suppress('unverified');
    return { action: 'send', to: phone };
  }

  if (request.expiresAt && now.getTime() >= Date.parse(request.expiresAt)) return suppress('stale');
  if (state.smsOptedOutAt) return suppress('opted-out');
  if (!isVerified(state.verification, phone)) return suppress('unverified');
  if (!hasConsent(state.consent, phone)) return suppress('no-consent');
  if (!settings.channels.sms) return suppress('channel-off');
  if (!CAP_EXEMPT_KINDS.includes(request.kind) && state.nudgesSentToday >= (settings.dailyNudgeCap ?? DEFAULT_DAILY_NUDGE_CAP)) {
    return suppress('daily-cap');
  }
  if (quietHoursApply({ channel: 'sms', kind: request.kind })) {
    const at = deliveryTime(now, settings.quietHours, settings.timeZone);
    if (at.getTime() > now.getTime()) {
      const expiry = request.expiresAt ?? heldTextExpiry(request.kind, now, settings.timeZone)?.toISOString();
      return { action: 'hold', to: phone, until: at.toISOString(), ...(expiry ? { expiresAt: expiry } : {}) };
    }
  }
  return { action: 'send', to: phone };
}
