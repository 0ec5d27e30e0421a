import { describe, it, expect } from 'vitest';
import { isValidTimeZone, isoWeekOf, localDateOf, localDateTime, parseLocalTime } from '../../../shared/domain/time.js';

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC', () => {
    for (const z of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC', 'Etc/GMT+2']) {
      expect(isValidTimeZone(z), z).toBe(true);
    }
  });

  it('rejects fixed offsets (they ignore DST) and junk', () => {
    for (const z of ['+02:00', '-05:00', 'UTC+2', 'Mars/Olympus', 'Europe/Berlin ', '', 'junk', '../etc/passwd']) {
      expect(isValidTimeZone(z), z).toBe(false);
    }
  });
});

describe('local date and time', () => {
  const lateEvening = new Date('2026-03-01T23:30:00Z');

  it('puts a late-evening UTC instant on the next day in Berlin and the same day in New York', () => {
    expect(localDateOf(lateEvening, 'Europe/Berlin')).toBe('2026-03-02');
    expect(localDateOf(lateEvening, 'America/New_York')).toBe('2026-03-01');
    expect(localDateTime(lateEvening, 'Europe/Berlin')).toBe('2026-03-02T00:30:00');
    expect(localDateTime(lateEvening, 'America/New_York')).toBe('2026-03-01T18:30:00');
  });

  it('reads the wall clock after a DST change (Berlin, 2026-03-29)', () => {
    expect(localDateTime(new Date('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe('2026-03-29T01:59:59');
    expect(localDateTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00');
  });

  it('throws on an unknown zone rather than returning "Invalid DateTime"', () => {
    expect(() => localDateOf(lateEvening, 'Nowhere/Land')).toThrow(/time zone/);
  });
});

describe('isoWeekOf', () => {
  it('2026-12-31 and 2027-01-01 are both in week 53 of 2026 (Mon 28 Dec - Sun 3 Jan)', () => {
    const week53 = { year: 2026, week: 53, start: '2026-12-28', end: '2027-01-03' };
    expect(isoWeekOf('2026-12-31')).toEqual(week53);
    expect(isoWeekOf('2027-01-01')).toEqual(week53);
    expect(isoWeekOf('2027-01-03')).toEqual(week53);
    expect(isoWeekOf('2027-01-04')).toEqual({ year: 2027, week: 1, start: '2027-01-04', end: '2027-01-10' });
  });

  it('weeks start on Monday, even when the year starts mid-week', () => {
    // 2026-01-01 is a Thursday: week 1 of 2026 begins in December 2025.
    expect(isoWeekOf('2026-01-01')).toEqual({ year: 2026, week: 1, start: '2025-12-29', end: '2026-01-04' });
    expect(isoWeekOf('2024-12-30')).toMatchObject({ year: 2025, week: 1 });
  });

  it('a Sunday-night run just before midnight in Berlin stays in that week across the DST change', () => {
    const sundayLate = localDateOf(new Date('2026-03-29T21:30:00Z'), 'Europe/Berlin'); // 23:30 CEST
    const mondayEarly = localDateOf(new Date('2026-03-29T22:30:00Z'), 'Europe/Berlin'); // 00:30 CEST
    expect(isoWeekOf(sundayLate)).toMatchObject({ week: 13, end: '2026-03-29' });
    expect(isoWeekOf(mondayEarly)).toMatchObject({ week: 14, start: '2026-03-30' });
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD', () => {
    for (const d of ['2026-02-30', '2026-1-5', '2026-01-05T00:00', '']) expect(() => isoWeekOf(d), d).toThrow();
  });
});

describe('parseLocalTime', () => {
  it('parses HH:mm from 00:00 to 23:59 and nothing else', () => {
    expect(parseLocalTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseLocalTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '7:00', '07:60', '07:00:00', ' 07:00', 'noon']) expect(parseLocalTime(bad), bad).toBeNull();
  });
});
