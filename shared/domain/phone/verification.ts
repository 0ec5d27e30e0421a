/**
 * Proving a phone number is the runner's (issue 9, part 2). Saving a number sends a 6-digit code; the
 * number counts as verified only once that code comes back. Pure: the caller passes the clock, the
 * random code and the random salt, so the rules below can be tested without either.
 *
 * - A code is valid for 10 minutes (long enough to find the phone, short enough to be worthless if
 *   someone reads it off a lock screen later).
 * - 5 wrong tries burn the code: a 6-digit space is 1,000,000 codes, 5 guesses are 1 in 200,000.
 * - Sends are throttled per runner, not per number: at most one a minute and 5 in any 24 hours, so
 *   switching numbers back and forth cannot be used to text a stranger repeatedly.
 * - Changing the number starts over: a new code for the new number; the old code is forgotten.
 * - Only a salted hash of the code is stored, so a leaked table row does not hand out a code. The
 *   hash function is the caller's (shared/signing/code-hash.ts): the domain uses no crypto library.
 */

export const CODE_DIGITS = 6;
export const CODE_VALID_MINUTES = 10;
export const MAX_WRONG_TRIES = 5;
export const RESEND_MIN_SECONDS = 60;
export const MAX_SENDS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PhoneVerification {
  /** The number the code was sent to (E.164). */
  phone: string;
  /** hex sha-256 of salt + code. */
  codeHash: string;
  salt: string;
  /** ISO instants. */
  issuedAt: string;
  expiresAt: string;
  wrongTries: number;
  /** ISO instants of code sends in the last 24 hours, for the throttle (kept across number changes). */
  sends: string[];
  /** Set when the code came back right; the number stays verified until it changes. */
  verifiedAt?: string;
}

export type CodeRequest =
  | { ok: true; state: PhoneVerification }
  | { ok: false; reason: 'too-soon' | 'daily-limit'; retryAt: string };

export type CodeCheck =
  | { result: 'verified'; state: PhoneVerification }
  | { result: 'wrong'; state: PhoneVerification; triesLeft: number }
  | { result: 'expired' | 'too-many-tries' | 'no-code' | 'already-verified'; state: PhoneVerification | null };

/** (code, salt) → stored hash; shared/signing/code-hash.ts in production. */
export type CodeHasher = (code: string, salt: string) => string;

/** Equal strings, compared in time independent of where they first differ. */
function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A well-formed code: exactly six digits, spaces and dashes ignored ("123 456", "123-456"). */
export function normaliseCode(entered: string): string | null {
  const digits = entered.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Sends in the 24 hours before `now`. */
function recentSends(state: PhoneVerification | null, now: Date): string[] {
  return (state?.sends ?? []).filter((at) => now.getTime() - Date.parse(at) < DAY_MS);
}

/**
 * A new code for `phone` (a first number, a changed number, or a resend for the same one), or why not
 * yet. `code` is six random digits and `salt` a random string, both from the caller.
 */
export function requestCode(
  state: PhoneVerification | null,
  phone: string,
  now: Date,
  code: string,
  salt: string,
  hash: CodeHasher,
): CodeRequest {
  if (!/^\d{6}$/.test(code)) throw new RangeError('a verification code is six digits');
  const sends = recentSends(state, now);
  const last = sends.at(-1);
  if (last && now.getTime() - Date.parse(last) < RESEND_MIN_SECONDS * 1000) {
    return { ok: false, reason: 'too-soon', retryAt: new Date(Date.parse(last) + RESEND_MIN_SECONDS * 1000).toISOString() };
  }
  const first = sends[0];
  if (first && sends.length >= MAX_SENDS_PER_DAY) {
    return { ok: false, reason: 'daily-limit', retryAt: new Date(Date.parse(first) + DAY_MS).toISOString() };
  }
  return {
    ok: true,
    state: {
      phone,
      codeHash: hash(code, salt),
      salt,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CODE_VALID_MINUTES * 60 * 1000).toISOString(),
      wrongTries: 0,
      sends: [...sends, now.toISOString()],
    },
  };
}

/** The runner typed `entered` on the settings page at `now`. */
export function checkCode(state: PhoneVerification | null, entered: string, now: Date, hash: CodeHasher): CodeCheck {
  if (!state) return { result: 'no-code', state };
  if (state.verifiedAt) return { result: 'already-verified', state };
  if (state.wrongTries >= MAX_WRONG_TRIES) return { result: 'too-many-tries', state };
  if (now.getTime() >= Date.parse(state.expiresAt)) return { result: 'expired', state };
  const code = normaliseCode(entered);
  const right = code !== null && sameHash(hash(code, state.salt), state.codeHash);
  if (right) return { result: 'verified', state: { ...state, verifiedAt: now.toISOString() } };
  const wrongTries = state.wrongTries + 1;
  const next = { ...state, wrongTries };
  if (wrongTries >= MAX_WRONG_TRIES) return { result: 'too-many-tries', state: next };
  return { result: 'wrong', state: next, triesLeft: MAX_WRONG_TRIES - wrongTries };
}

/** True when `phone` is the number this state verified. */
export function isVerified(state: PhoneVerification | null, phone: string | null): boolean {
  return phone !== null && state?.phone === phone && state.verifiedAt !== undefined;
}

/** The number a code may be sent to: the one awaiting verification, if any. */
export function numberBeingVerified(state: PhoneVerification | null): string | null {
  return state && !state.verifiedAt ? state.phone : null;
}

export type PhoneStatus = 'none' | 'unverified' | 'verified' | 'opted-out';

/** What `GET /api/me` shows as `phoneStatus`. An opt-out wins: texts are stopped whatever else holds. */
export function phoneStatus(
  phone: string | null,
  state: PhoneVerification | null,
  smsOptedOutAt: string | undefined,
): PhoneStatus {
  if (!phone) return 'none';
  if (smsOptedOutAt) return 'opted-out';
  return isVerified(state, phone) ? 'verified' : 'unverified';
}
