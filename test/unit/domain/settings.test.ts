import { describe, it, expect } from 'vitest';
import { applySettingsPatch, validateSettingsPatch, type SettingsPatch } from '../../../shared/domain/settings.js';
import { isNamedTimeZone, trackerZoneToAdopt } from '../../../shared/domain/zone-adoption.js';
import { defaultSettings } from '../../../shared/domain/defaults.js';

function ok(input: unknown): SettingsPatch {
  const r = validateSettingsPatch(input);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
  return r.patch;
}

function badFields(input: unknown): string[] {
  const r = validateSettingsPatch(input);
  if (r.ok) throw new Error(`expected errors for ${JSON.stringify(input)}`);
  for (const e of r.errors) expect(e.message.length, e.field).toBeGreaterThan(0);
  return r.errors.map((e) => e.field).sort();
}

describe('validateSettingsPatch', () => {
  it('normalises an international phone number to E.164', () => {
    expect(ok({ phone: '+1 (415) 555-0123' })).toEqual({ phone: '+14155550123' });
    expect(ok({ phone: '+49 151 12345678' })).toEqual({ phone: '+4915112345678' });
  });

  it('clears phone and email with null or an emptied form field', () => {
    expect(ok({ phone: null, email: null })).toEqual({ phone: null, email: null });
    expect(ok({ phone: '  ', email: '' })).toEqual({ phone: null, email: null });
  });

  it('rejects phone numbers without country code, invalid ones, and text around a number', () => {
    for (const phone of ['4155550123', '+491234', '+1415555012', '+1 415 555 0123 call me', 'tel:+14155550123', 14155550123]) {
      expect(badFields({ phone }), String(phone)).toEqual(['phone']);
    }
  });

  it('accepts a trimmed email and rejects malformed ones', () => {
    expect(ok({ email: ' ana@example.com ' })).toEqual({ email: 'ana@example.com' });
    for (const email of ['ana@', 'ana example.com', '@example.com', 42]) expect(badFields({ email })).toEqual(['email']);
  });

  it('accepts IANA zones and UTC, rejects fixed offsets and junk', () => {
    expect(ok({ timeZone: 'America/New_York' })).toEqual({ timeZone: 'America/New_York' });
    expect(ok({ timeZone: 'UTC' })).toEqual({ timeZone: 'UTC' });
    for (const timeZone of ['+02:00', 'Mars/Olympus', '', null]) expect(badFields({ timeZone })).toEqual(['timeZone']);
  });

  it('accepts quiet hours HH:mm, including start == end (no quiet hours)', () => {
    expect(ok({ quietHours: { start: '22:30', end: '06:15' } })).toEqual({ quietHours: { start: '22:30', end: '06:15' } });
    expect(ok({ quietHours: { start: '00:00', end: '00:00' } }).quietHours).toEqual({ start: '00:00', end: '00:00' });
  });

  it('names the bad end of quiet hours', () => {
    expect(badFields({ quietHours: { start: '24:00', end: '07:00' } })).toEqual(['quietHours.start']);
    expect(badFields({ quietHours: { start: '21:00', end: '7:00' } })).toEqual(['quietHours.end']);
    const missing = validateSettingsPatch({ quietHours: { start: '21:00' } });
    expect(missing).toEqual({ ok: false, errors: [{ field: 'quietHours.end', message: 'is required' }] });
    expect(badFields({ quietHours: '21:00-07:00' })).toEqual(['quietHours']);
  });

  it('requires both channel flags as booleans', () => {
    expect(ok({ channels: { sms: false, email: true } })).toEqual({ channels: { sms: false, email: true } });
    expect(badFields({ channels: { sms: 'yes', email: true } })).toEqual(['channels.sms']);
    expect(badFields({ channels: { sms: true } })).toEqual(['channels.email']);
  });

  it('rejects unknown keys at any level, by name', () => {
    expect(badFields({ quietHour: { start: '21:00', end: '07:00' } })).toEqual(['quietHour']);
    expect(badFields({ quietHours: { start: '21:00', end: '07:00', zone: 'UTC' } })).toEqual(['quietHours.zone']);
    expect(badFields({ channels: { sms: true, email: true, push: true } })).toEqual(['channels.push']);
  });

  it('names every bad field of a patch at once', () => {
    expect(
      badFields({
        phone: '555-0123',
        email: 'nope',
        timeZone: '+01:00',
        quietHours: { start: '9pm', end: '07:00' },
        channels: { sms: true, email: 'no' },
        nickname: 'Ana',
      }),
    ).toEqual(['channels.email', 'email', 'nickname', 'phone', 'quietHours.start', 'timeZone']);
  });

  it('accepts an empty patch and rejects a body that is not an object', () => {
    expect(ok({})).toEqual({});
    for (const body of [null, 'phone=+1', [], 42]) expect(badFields(body)).toEqual(['(root)']);
  });
});

describe('applySettingsPatch', () => {
  const current = { ...defaultSettings('Europe/Berlin'), phone: '+14155550123', email: 'ana@example.com' };

  it('changes only the fields in the patch and leaves the current settings untouched', () => {
    const before = structuredClone(current);
    const next = applySettingsPatch(
      current,
      ok({ quietHours: { start: '22:00', end: '06:00' }, channels: { sms: false, email: true } }),
    );
    expect(next).toEqual({ ...before, quietHours: { start: '22:00', end: '06:00' }, channels: { sms: false, email: true } });
    expect(current).toEqual(before);
  });

  it('null clears the phone; an absent key keeps it', () => {
    expect(applySettingsPatch(current, ok({ phone: null })).phone).toBeNull();
    expect(applySettingsPatch(current, ok({ timeZone: 'UTC' }))).toMatchObject({ phone: '+14155550123', timeZone: 'UTC' });
  });

  it('a patch naming a zone marks it as the runner’s choice, for good', () => {
    const fresh = defaultSettings();
    expect(applySettingsPatch(fresh, ok({ phone: '+14155550123' }))).not.toHaveProperty('timeZoneSetByRunner');
    const chosen = applySettingsPatch(fresh, ok({ timeZone: 'Europe/Berlin' }));
    expect(chosen).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneSetByRunner: true });
    // Even the zone they already had (e.g. one adopted from their runs) counts when they send it.
    expect(applySettingsPatch({ ...fresh, timeZone: 'America/New_York' }, ok({ timeZone: 'America/New_York' }))).toMatchObject({
      timeZoneSetByRunner: true,
    });
    expect(applySettingsPatch(chosen, ok({ phone: null }))).toMatchObject({
      timeZone: 'Europe/Berlin',
      timeZoneSetByRunner: true,
    });
  });
});

describe('trackerZoneToAdopt', () => {
  const fresh = defaultSettings();

  it('adopts a named zone that differs, while the runner has not chosen one', () => {
    expect(trackerZoneToAdopt(fresh, 'America/New_York')).toBe('America/New_York');
    expect(trackerZoneToAdopt({ ...fresh, timeZone: 'America/New_York' }, 'America/New_York')).toBeNull();
    expect(trackerZoneToAdopt({ ...fresh, timeZone: 'America/New_York', timeZoneSetByRunner: false }, 'Europe/Lisbon')).toBe(
      'Europe/Lisbon',
    );
    expect(trackerZoneToAdopt({ ...fresh, timeZone: 'Europe/Berlin', timeZoneSetByRunner: true }, 'America/New_York')).toBeNull();
  });

  it('never adopts the normalizer’s fallbacks or an unknown name', () => {
    for (const zone of ['UTC', 'Etc/GMT+5', 'Etc/GMT-2', 'Mars/Olympus', '']) {
      expect(isNamedTimeZone(zone), zone).toBe(false);
      expect(trackerZoneToAdopt({ ...fresh, timeZone: 'America/New_York' }, zone), zone).toBeNull();
    }
    expect(isNamedTimeZone('Asia/Kolkata')).toBe(true);
  });
});
