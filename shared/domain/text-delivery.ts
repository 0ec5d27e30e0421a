/**
 * Which texts wait for the end of quiet hours, and which held texts go stale (training-rules.md,
 * "Made exact"):
 * - Quiet hours apply to every text except a phone-verification code (the runner is waiting for it on
 *   the settings page) and a direct answer to a text the runner just sent (they are awake and asked).
 *   They never apply to email: an email waits in an inbox, not on a bedside table.
 * - A core nudge is about today ("three sessions can no longer be reached without a session today"):
 *   held past its local day it is dropped, not delivered the next morning. That also keeps the
 *   promise of at most one core nudge delivered per local day (one is claimed per day, ledger
 *   `core-nudge#date`, and only that day's can go out on that day).
 */
import { inZone } from './time.js';
import type { Channel, TimeZone } from './types.js';

/**
 * Kinds of text sent straight away even in quiet hours. Plain strings: the kinds come from the
 * contract ("phone-verification", "sms-reply") and are sent by the phone and inbound-SMS features.
 */
export const QUIET_HOURS_EXEMPT_KINDS: readonly string[] = ['phone-verification', 'sms-reply'];

/** Kinds of text that are only worth sending on the local day they were produced. */
export const SAME_DAY_KINDS: readonly string[] = ['core-nudge'];

export function quietHoursApply(message: { channel: Channel; kind: string }): boolean {
  return message.channel === 'sms' && !QUIET_HOURS_EXEMPT_KINDS.includes(message.kind);
}

/**
 * The instant after which a text produced at `now` and held is no longer delivered: the next local
 * midnight in the runner's zone for a same-day kind (a 23-hour or 25-hour DST day included), null for
 * the rest (held texts go out whenever quiet hours end).
 */
export function heldTextExpiry(kind: string, now: Date, zone: TimeZone): Date | null {
  if (!SAME_DAY_KINDS.includes(kind)) return null;
  return inZone(now, zone).startOf('day').plus({ days: 1 }).toJSDate();
}
