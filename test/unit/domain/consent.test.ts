import { describe, expect, it } from 'vitest';
import { DISCLOSURE_VERSION, giveConsent, hasConsent, withdrawConsent } from '../../../shared/domain/phone/consent.js';

const now = new Date('2026-03-02T12:00:00Z');

describe('SMS consent records', () => {
  it('records time, number, disclosure version, method and user agent', () => {
    expect(giveConsent('+13035550142', now, 'settings-page', 'Mozilla/5.0')).toEqual({
      at: '2026-03-02T12:00:00.000Z',
      phone: '+13035550142',
      disclosureVersion: DISCLOSURE_VERSION,
      method: 'settings-page',
      userAgent: 'Mozilla/5.0',
    });
    expect(giveConsent('+1', now, 'settings-page', 'x'.repeat(1000)).userAgent).toHaveLength(256);
  });

  it('holds only for the number it was given for', () => {
    const c = giveConsent('+13035550142', now, 'settings-page');
    expect(hasConsent(c, '+13035550142')).toBe(true);
    expect(hasConsent(c, '+13035550199')).toBe(false);
    expect(hasConsent(null, '+13035550142')).toBe(false);
  });

  it('withdrawn consent no longer holds but the record is kept', () => {
    const w = withdrawConsent(giveConsent('+13035550142', now, 'settings-page'), new Date('2026-03-03T00:00:00Z'));
    expect(hasConsent(w, '+13035550142')).toBe(false);
    expect(w).toMatchObject({ at: '2026-03-02T12:00:00.000Z', withdrawnAt: '2026-03-03T00:00:00.000Z' });
  });
});
