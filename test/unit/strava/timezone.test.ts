import { describe, expect, it } from 'vitest';
import { parseStravaTimezone } from '../../../shared/adapters/strava/timezone.js';

describe('parseStravaTimezone', () => {
  it.each([
    ['(GMT-08:00) America/Los_Angeles', 'America/Los_Angeles'],
    ['(GMT+01:00) Europe/Berlin', 'Europe/Berlin'],
    ['(GMT+00:00) UTC', 'UTC'],
    ['(GMT+05:30) Asia/Kolkata', 'Asia/Kolkata'],
    ['(GMT-03:00) America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['(GMT+10:00) Australia/Sydney', 'Australia/Sydney'],
    ['  (GMT+01:00)   Europe/Berlin  ', 'Europe/Berlin'],
    // Without the "(GMT…)" prefix the whole string is the name.
    ['Europe/Berlin', 'Europe/Berlin'],
  ])('%j → %j', (input, expected) => {
    expect(parseStravaTimezone(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '(GMT-08:00)',
    '(GMT-08:00) ',
    '(GMT-08:00) Mars/Olympus_Mons',
    '(GMT+01:00) +01:00',
    '+01:00',
    '(GMT+01:00) Europe/Berlin; DROP TABLE',
    '(GMT+01:00) ../../etc/passwd',
    'garbage',
    'x'.repeat(500),
  ])('%j → null', (input) => {
    expect(parseStravaTimezone(input)).toBeNull();
  });

  it('returns null for missing values', () => {
    expect(parseStravaTimezone(null)).toBeNull();
    expect(parseStravaTimezone(undefined)).toBeNull();
  });
});
