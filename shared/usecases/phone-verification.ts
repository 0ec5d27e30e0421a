/**
 * Proving a number and agreeing to texts (issue 9, parts 2 and 3), on top of the pure rules in
 * shared/domain/phone. Codes and the opt-in confirmation leave through the one sender
 * (send-message.ts), so they are logged like every other message.
 *
 * - `sendVerificationCode`: after a settings save with a new number (or a resend): a fresh code, its
 *   salted hash stored, the code texted to that number only. Throttled per runner.
 * - `verifyPhone`: the runner typed the code; right → verified, and if they have already consented
 *   the `sms-confirmation` goes out (the first text after verification + consent).
 * - `setSmsConsent`: the box on the settings page; ticking it for a verified number also sends the
 *   confirmation. Unticking keeps the record, marked withdrawn.
 */
import { hashVerificationCode } from '../signing/code-hash.js';
import { randomBytes, randomInt } from 'node:crypto';
import { giveConsent, hasConsent, withdrawConsent } from '../domain/phone/consent.js';
import { checkCode, isVerified, requestCode } from '../domain/phone/verification.js';
import type { Runner } from '../domain/types.js';
import { sendMessage, type SendMessageDeps, type SendMessageOutcome } from './send-message.js';

export type CodeSendResult =
  | { ok: true; outcome: SendMessageOutcome }
  | { ok: false; reason: 'too-soon' | 'daily-limit'; retryAt: string }
  | { ok: false; reason: 'no-phone' };

/** Our own words, one GSM-7 segment; the code first so phones can offer to fill it in. */
export function codeText(code: string): string {
  return `${code} is your RunNudge code. It expires in 10 minutes. If you did not ask for it, ignore this text.`;
}

export const CONFIRMATION_TEXT =
  'RunNudge: texts are on. Up to 3 training nudges a day, about 10 a week. Msg & data rates may apply. Reply HELP for help, STOP to stop.';

export async function sendVerificationCode(runner: Runner, deps: SendMessageDeps): Promise<CodeSendResult> {
  const phone = runner.settings.phone;
  if (!phone) return { ok: false, reason: 'no-phone' };
  const now = deps.clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const requested = requestCode(
    await deps.phones.getVerification(runner.runnerId),
    phone,
    now,
    code,
    randomBytes(16).toString('hex'),
    hashVerificationCode,
  );
  if (!requested.ok) return requested;
  await deps.phones.putVerification(runner.runnerId, requested.state);
  const outcome = await sendMessage(
    runner,
    {
      message: { runnerId: runner.runnerId, channel: 'sms', kind: 'phone-verification', to: phone, text: codeText(code) },
      // One ledger key per code: a retry of this send is one text; the next code is another.
      ledgerKey: `phone-verification#${requested.state.issuedAt}`,
    },
    deps,
  );
  return { ok: true, outcome };
}

export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: 'wrong' | 'expired' | 'no-code' | 'too-many-tries'; triesLeft?: number };

export async function verifyPhone(runner: Runner, entered: string, deps: SendMessageDeps): Promise<VerifyResult> {
  const state = await deps.phones.getVerification(runner.runnerId);
  // A code for a number the runner has since replaced verifies nothing.
  const current = state && state.phone === runner.settings.phone ? state : null;
  if (current && isVerified(current, runner.settings.phone)) return { ok: true };
  const checked = checkCode(current, entered, deps.clock.now(), hashVerificationCode);
  if (checked.state && checked.result !== 'no-code') await deps.phones.putVerification(runner.runnerId, checked.state);
  if (checked.result === 'verified') {
    if (runner.settings.phone) await deps.phones.linkPhone(runner.runnerId, runner.settings.phone);
    await confirmIfReady(runner, deps);
    return { ok: true };
  }
  if (checked.result === 'wrong') return { ok: false, reason: 'wrong', triesLeft: checked.triesLeft };
  if (checked.result === 'already-verified') return { ok: true };
  return { ok: false, reason: checked.result };
}

export async function setSmsConsent(
  runner: Runner,
  consent: boolean,
  userAgent: string | undefined,
  deps: SendMessageDeps,
): Promise<void> {
  const now = deps.clock.now();
  const current = await deps.phones.getConsent(runner.runnerId);
  const phone = runner.settings.phone;
  if (consent) {
    if (!phone || hasConsent(current, phone)) return;
    await deps.phones.putConsent(runner.runnerId, giveConsent(phone, now, 'settings-page', userAgent));
    await confirmIfReady(runner, deps);
  } else if (current && !current.withdrawnAt) {
    await deps.phones.putConsent(runner.runnerId, withdrawConsent(current, now));
  }
}

/** The first text once the number is verified and consented: once per number (its ledger key). */
async function confirmIfReady(runner: Runner, deps: SendMessageDeps): Promise<void> {
  const phone = runner.settings.phone;
  if (!phone) return;
  const [state, consent] = await Promise.all([
    deps.phones.getVerification(runner.runnerId),
    deps.phones.getConsent(runner.runnerId),
  ]);
  if (!isVerified(state, phone) || !hasConsent(consent, phone)) return;
  await sendMessage(
    runner,
    {
      message: { runnerId: runner.runnerId, channel: 'sms', kind: 'sms-confirmation', text: CONFIRMATION_TEXT },
      ledgerKey: `sms-confirmation#${consent?.at}`, // one per consent given; no number in keys
    },
    deps,
  );
}
