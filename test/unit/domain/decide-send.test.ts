import { hashVerificationCode } from '../../../shared/signing/code-hash.js';
import { describe, expect, it } from 'vitest';
import { giveConsent } from '../../../shared/domain/phone/consent.js';
import { checkCode, requestCode, type PhoneVerification } from '../../../shared/domain/phone/verification.js';
import { decideSend, type SenderState } from '../../../shared/domain/sending/decide-send.js';

const PHONE = '+13035550142';
// 12:00 UTC = 05:00 in Denver: inside the default 21:00–07:00 quiet hours.
const QUIET = new Date('2026-03-02T12:00:00Z');
// 18:00 UTC = 11:00 in Denver.
const DAY = new Date('2026-03-02T18:00:00Z');

function pending(phone = PHONE): PhoneVerification {
  const r = requestCode(null, phone, new Date('2026-03-01T00:00:00Z'), '123456', 'salt', hashVerificationCode);
  if (!r.ok) throw new Error('no code');
  return r.state;
}
const verified = (phone = PHONE) =>
  checkCode(pending(phone), '123456', new Date('2026-03-01T00:01:00Z'), hashVerificationCode).state;

function state(over: Partial<SenderState> = {}, settings: Partial<SenderState['settings']> = {}): SenderState {
  return {
    settings: {
      phone: PHONE,
      email: 'r@example.com',
      channels: { sms: true, email: true },
      quietHours: { start: '21:00', end: '07:00' },
      timeZone: 'America/Denver',
      ...settings,
    },
    verification: verified(),
    consent: giveConsent(PHONE, new Date('2026-03-01T00:02:00Z'), 'settings-page'),
    nudgesSentToday: 0,
    ...over,
  };
}

const nudge = { channel: 'sms' as const, kind: 'post-run-stretch' };

describe('decideSend: texts', () => {
  it('sends a nudge to a verified, consented number outside quiet hours', () => {
    expect(decideSend(state(), nudge, DAY)).toEqual({ action: 'send', to: PHONE });
  });

  it('suppresses without a number: no-address', () => {
    expect(decideSend(state({}, { phone: null }), nudge, DAY)).toEqual({ action: 'suppress', reason: 'no-address' });
  });

  it('suppresses to an unverified number: unverified', () => {
    expect(decideSend(state({ verification: pending() }), nudge, DAY)).toEqual({ action: 'suppress', reason: 'unverified' });
    // Verified an old number, then changed it: the new one is not verified.
    expect(decideSend(state({}, { phone: '+13035550199' }), nudge, DAY)).toMatchObject({ reason: 'unverified' });
  });

  it('suppresses without consent, or with consent for another number: no-consent', () => {
    expect(decideSend(state({ consent: null }), nudge, DAY)).toEqual({ action: 'suppress', reason: 'no-consent' });
    const other = giveConsent('+13035550199', DAY, 'settings-page');
    expect(decideSend(state({ consent: other }), nudge, DAY)).toMatchObject({ reason: 'no-consent' });
  });

  it('suppresses after STOP: opted-out', () => {
    expect(decideSend(state({ smsOptedOutAt: '2026-03-02T00:00:00Z' }), nudge, DAY)).toEqual({
      action: 'suppress',
      reason: 'opted-out',
    });
  });

  it('suppresses with the sms switch off: channel-off', () => {
    expect(decideSend(state({}, { channels: { sms: false, email: true } }), nudge, DAY)).toEqual({
      action: 'suppress',
      reason: 'channel-off',
    });
  });

  it('holds a nudge in quiet hours until they end, a core nudge with its same-day expiry', () => {
    expect(decideSend(state(), nudge, QUIET)).toEqual({ action: 'hold', to: PHONE, until: '2026-03-02T14:00:00.000Z' });
    expect(decideSend(state(), { channel: 'sms', kind: 'core-nudge' }, QUIET)).toEqual({
      action: 'hold',
      to: PHONE,
      until: '2026-03-02T14:00:00.000Z',
      expiresAt: '2026-03-03T07:00:00.000Z',
    });
  });

  it('drops a held message that is stale at its send time: stale', () => {
    const held = { channel: 'sms' as const, kind: 'core-nudge', expiresAt: '2026-03-03T07:00:00.000Z' };
    expect(decideSend(state(), held, new Date('2026-03-03T07:00:00Z'))).toEqual({ action: 'suppress', reason: 'stale' });
    expect(decideSend(state(), held, new Date('2026-03-02T14:00:00Z'))).toEqual({ action: 'send', to: PHONE });
  });

  it('caps nudges per local day at 3 by default, or at the runner setting: daily-cap', () => {
    expect(decideSend(state({ nudgesSentToday: 2 }), nudge, DAY).action).toBe('send');
    expect(decideSend(state({ nudgesSentToday: 3 }), nudge, DAY)).toEqual({ action: 'suppress', reason: 'daily-cap' });
    expect(decideSend(state({ nudgesSentToday: 3 }, { dailyNudgeCap: 5 }), nudge, DAY).action).toBe('send');
    expect(decideSend(state({ nudgesSentToday: 1 }, { dailyNudgeCap: 1 }), nudge, DAY)).toMatchObject({ reason: 'daily-cap' });
  });

  it('codes, replies and the opt-in confirmation are exempt from the cap', () => {
    const capped = state({ nudgesSentToday: 99, verification: verified() });
    expect(decideSend(capped, { channel: 'sms', kind: 'sms-reply', reply: 'help' }, DAY).action).toBe('send');
    expect(decideSend(capped, { channel: 'sms', kind: 'sms-confirmation' }, DAY).action).toBe('send');
    const verifying = state({ nudgesSentToday: 99, verification: pending() });
    expect(decideSend(verifying, { channel: 'sms', kind: 'phone-verification', to: PHONE }, DAY).action).toBe('send');
  });
});

describe('decideSend: verification codes', () => {
  const code = { channel: 'sms' as const, kind: 'phone-verification', to: PHONE };

  it('go to the number being verified with no consent, in quiet hours, with the sms switch off', () => {
    const s = state({ verification: pending(), consent: null }, { channels: { sms: false, email: true } });
    expect(decideSend(s, code, QUIET)).toEqual({ action: 'send', to: PHONE });
  });

  it('go nowhere else: not-verifying-number', () => {
    expect(decideSend(state({ verification: pending() }), { ...code, to: '+13035550199' }, DAY)).toEqual({
      action: 'suppress',
      reason: 'not-verifying-number',
    });
    // Nothing awaits verification (already verified).
    expect(decideSend(state(), code, DAY)).toMatchObject({ reason: 'not-verifying-number' });
  });

  it('not to an opted-out number: opted-out', () => {
    const s = state({ verification: pending(), smsOptedOutAt: '2026-03-02T00:00:00Z' });
    expect(decideSend(s, code, DAY)).toEqual({ action: 'suppress', reason: 'opted-out' });
  });
});

describe('decideSend: replies', () => {
  const reply = (r: 'opt-out-confirmation' | 'help' | 'other') => ({ channel: 'sms' as const, kind: 'sms-reply', reply: r });
  const stopped = state({ smsOptedOutAt: '2026-03-02T00:00:00Z' });

  it('after STOP only the opt-out confirmation and HELP answers go out, even in quiet hours', () => {
    expect(decideSend(stopped, reply('opt-out-confirmation'), QUIET)).toEqual({ action: 'send', to: PHONE });
    expect(decideSend(stopped, reply('help'), QUIET)).toEqual({ action: 'send', to: PHONE });
    expect(decideSend(stopped, reply('other'), QUIET)).toEqual({ action: 'suppress', reason: 'opted-out' });
  });

  it('answer only a verified number', () => {
    expect(decideSend(state({ verification: pending() }), reply('other'), DAY)).toMatchObject({ reason: 'unverified' });
  });
});

describe('decideSend: email', () => {
  const email = { channel: 'email' as const, kind: 'weekly-digest' };
  it('sends to the address, ignoring quiet hours and the text cap', () => {
    expect(decideSend(state({ nudgesSentToday: 9 }), email, QUIET)).toEqual({ action: 'send', to: 'r@example.com' });
  });
  it('suppresses without an address or with email off', () => {
    expect(decideSend(state({}, { email: null }), email, DAY)).toMatchObject({ reason: 'no-address' });
    expect(decideSend(state({}, { channels: { sms: true, email: false } }), email, DAY)).toMatchObject({ reason: 'channel-off' });
  });
});
