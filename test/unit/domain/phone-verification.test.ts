import { hashVerificationCode } from '../../../shared/signing/code-hash.js';
import { describe, expect, it } from 'vitest';
import {
  checkCode,
  isVerified,
  phoneStatus,
  requestCode,
  type PhoneVerification,
} from '../../../shared/domain/phone/verification.js';

const PHONE = '+13035550142';
const OTHER = '+13035550199';
const t0 = new Date('2026-03-02T12:00:00Z');
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

function issued(code = '123456', at = t0, phone = PHONE, prior: PhoneVerification | null = null): PhoneVerification {
  const r = requestCode(prior, phone, at, code, 'salt', hashVerificationCode);
  if (!r.ok) throw new Error(`unexpected ${r.reason}`);
  return r.state;
}

describe('phone verification codes', () => {
  it('stores a hash of the code, never the code itself', () => {
    const s = issued('654321');
    expect(JSON.stringify(s)).not.toContain('654321');
  });

  it('verifies the right code within 10 minutes, spaces and dashes ignored', () => {
    const r = checkCode(issued(), '123 456', plus(t0, 9 * 60 + 59), hashVerificationCode);
    expect(r.result).toBe('verified');
    expect(isVerified(r.state, PHONE)).toBe(true);
    expect(checkCode(issued(), '123-456', t0, hashVerificationCode).result).toBe('verified');
  });

  it('refuses the right code once 10 minutes have passed', () => {
    expect(checkCode(issued(), '123456', plus(t0, 600), hashVerificationCode).result).toBe('expired');
  });

  it('counts wrong tries and burns the code on the fifth, even for the right code after', () => {
    let s = issued();
    for (let i = 1; i <= 4; i++) {
      const r = checkCode(s, '000000', t0, hashVerificationCode);
      expect(r).toMatchObject({ result: 'wrong', triesLeft: 5 - i });
      s = r.state as PhoneVerification;
    }
    const fifth = checkCode(s, 'abc', t0, hashVerificationCode);
    expect(fifth.result).toBe('too-many-tries');
    expect(checkCode(fifth.state, '123456', t0, hashVerificationCode).result).toBe('too-many-tries');
  });

  it('a new code after too many tries starts the count again', () => {
    let s = issued();
    for (let i = 0; i < 5; i++) s = checkCode(s, '000000', t0, hashVerificationCode).state as PhoneVerification;
    const fresh = issued('222222', plus(t0, 61), PHONE, s);
    expect(checkCode(fresh, '222222', plus(t0, 62), hashVerificationCode).result).toBe('verified');
    expect(checkCode(fresh, '123456', plus(t0, 62), hashVerificationCode).result).toBe('wrong');
  });

  it('resends at most once a minute', () => {
    const s = issued();
    expect(requestCode(s, PHONE, plus(t0, 59), '111111', 's', hashVerificationCode)).toEqual({
      ok: false,
      reason: 'too-soon',
      retryAt: plus(t0, 60).toISOString(),
    });
    expect(requestCode(s, PHONE, plus(t0, 60), '111111', 's', hashVerificationCode).ok).toBe(true);
  });

  it('sends at most 5 codes in 24 hours per runner, across number changes', () => {
    let s: PhoneVerification | null = null;
    for (let i = 0; i < 5; i++) s = issued('111111', plus(t0, i * 120), i % 2 ? OTHER : PHONE, s);
    expect(requestCode(s, OTHER, plus(t0, 3600), '111111', 's', hashVerificationCode)).toMatchObject({
      ok: false,
      reason: 'daily-limit',
      retryAt: plus(t0, 86400).toISOString(),
    });
    expect(requestCode(s, OTHER, plus(t0, 86400), '111111', 's', hashVerificationCode).ok).toBe(true);
  });

  it('changing the number starts over: the old code no longer verifies, the new number is unverified', () => {
    const first = checkCode(issued(), '123456', t0, hashVerificationCode).state;
    expect(phoneStatus(PHONE, first, undefined)).toBe('verified');
    const changed = issued('999999', plus(t0, 120), OTHER, first);
    expect(phoneStatus(OTHER, changed, undefined)).toBe('unverified');
    expect(checkCode(changed, '123456', plus(t0, 121), hashVerificationCode).result).toBe('wrong');
    expect(checkCode(changed, '999999', plus(t0, 121), hashVerificationCode).result).toBe('verified');
  });

  it('phoneStatus: none without a number, opted-out wins over verified', () => {
    const v = checkCode(issued(), '123456', t0, hashVerificationCode).state;
    expect(phoneStatus(null, v, undefined)).toBe('none');
    expect(phoneStatus(PHONE, v, '2026-03-02T13:00:00Z')).toBe('opted-out');
    expect(phoneStatus(PHONE, null, undefined)).toBe('unverified');
  });

  it('no code on record is its own answer, not a wrong try', () => {
    expect(checkCode(null, '123456', t0, hashVerificationCode).result).toBe('no-code');
  });
});
