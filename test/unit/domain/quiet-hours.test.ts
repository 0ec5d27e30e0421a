import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { deliveryTime, isQuiet } from '../../../shared/domain/quiet-hours.js';
import { DEFAULT_QUIET_HOURS } from '../../../shared/domain/defaults.js';
import type { QuietHours } from '../../../shared/domain/types.js';

const night: QuietHours = { ...DEFAULT_QUIET_HOURS }; // 21:00-07:00
const at = (iso: string) => new Date(iso);
const deliver = (iso: string, zone: string, quiet: QuietHours = night) => deliveryTime(at(iso), quiet, zone).toISOString();

describe('isQuiet', () => {
  it('treats the start minute as quiet and the end minute as free (Berlin, CET = UTC+1)', () => {
    expect(isQuiet(at('2026-01-15T19:59:59Z'), night, 'Europe/Berlin')).toBe(false); // 20:59:59
    expect(isQuiet(at('2026-01-15T20:00:00Z'), night, 'Europe/Berlin')).toBe(true); // 21:00
    expect(isQuiet(at('2026-01-15T23:30:00Z'), night, 'Europe/Berlin')).toBe(true); // 00:30 next day
    expect(isQuiet(at('2026-01-16T05:59:59Z'), night, 'Europe/Berlin')).toBe(true); // 06:59:59
    expect(isQuiet(at('2026-01-16T06:00:00Z'), night, 'Europe/Berlin')).toBe(false); // 07:00
  });

  it('uses the runner zone, not UTC: 22:00 UTC is quiet in London but 17:00 in New York is not', () => {
    expect(isQuiet(at('2026-01-15T22:00:00Z'), night, 'Europe/London')).toBe(true);
    expect(isQuiet(at('2026-01-15T22:00:00Z'), night, 'America/New_York')).toBe(false);
  });

  it('handles a window that does not cross midnight (13:00-15:00)', () => {
    const nap = { start: '13:00', end: '15:00' };
    expect(isQuiet(at('2026-06-01T10:59:00Z'), nap, 'Europe/Berlin')).toBe(false); // 12:59 CEST
    expect(isQuiet(at('2026-06-01T11:00:00Z'), nap, 'Europe/Berlin')).toBe(true); // 13:00 CEST
    expect(isQuiet(at('2026-06-01T12:59:00Z'), nap, 'Europe/Berlin')).toBe(true); // 14:59 CEST
    expect(isQuiet(at('2026-06-01T13:00:00Z'), nap, 'Europe/Berlin')).toBe(false); // 15:00 CEST
    expect(isQuiet(at('2026-06-01T22:00:00Z'), nap, 'Europe/Berlin')).toBe(false); // midnight
  });

  it('start == end means no quiet hours at all', () => {
    const none = { start: '22:00', end: '22:00' };
    expect(isQuiet(at('2026-01-15T21:00:00Z'), none, 'Europe/Berlin')).toBe(false);
    expect(isQuiet(at('2026-01-15T02:00:00Z'), none, 'Europe/Berlin')).toBe(false);
  });

  it('refuses an unknown zone or malformed times instead of guessing', () => {
    expect(() => isQuiet(at('2026-01-15T21:00:00Z'), night, 'Mars/Olympus')).toThrow(/time zone/);
    expect(() => isQuiet(at('2026-01-15T21:00:00Z'), { start: '9pm', end: '07:00' }, 'UTC')).toThrow();
  });
});

describe('deliveryTime', () => {
  it('returns exactly `now` outside quiet hours', () => {
    const now = at('2026-01-15T12:34:56.789Z');
    expect(deliveryTime(now, night, 'Europe/Berlin').getTime()).toBe(now.getTime());
    expect(deliveryTime(now, { start: '05:00', end: '05:00' }, 'Europe/Berlin').getTime()).toBe(now.getTime());
  });

  it('holds an evening run until 07:00 the next morning, and an early run until 07:00 the same day', () => {
    expect(deliver('2026-01-15T21:30:00Z', 'Europe/Berlin')).toBe('2026-01-16T06:00:00.000Z'); // 22:30 CET
    expect(deliver('2026-01-16T04:15:00Z', 'Europe/Berlin')).toBe('2026-01-16T06:00:00.000Z'); // 05:15 CET
    expect(deliver('2026-01-16T03:00:00Z', 'America/New_York')).toBe('2026-01-16T12:00:00.000Z'); // 22:00 EST
  });

  it('ends a same-day window at its end (13:00-15:00)', () => {
    expect(deliver('2026-06-01T11:30:00Z', 'Europe/Berlin', { start: '13:00', end: '15:00' })).toBe('2026-06-01T13:00:00.000Z');
  });

  describe('across DST, east of UTC (Europe/Berlin)', () => {
    it('spring forward 2026-03-29: 07:00 CEST is 05:00 UTC, one hour earlier than the night before', () => {
      expect(deliver('2026-03-28T21:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T05:00:00.000Z'); // 22:30 CET
      expect(deliver('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29T05:00:00.000Z'); // 01:30 CET
    });

    it('fall back 2026-10-25: 07:00 CET is 06:00 UTC', () => {
      expect(deliver('2026-10-24T20:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T06:00:00.000Z'); // 22:30 CEST
    });

    it('an end inside the spring-forward gap (02:30) is moved forward by luxon to 03:30 CEST', () => {
      const quiet = { start: '22:00', end: '02:30' };
      const t = deliveryTime(at('2026-03-28T23:30:00Z'), quiet, 'Europe/Berlin'); // 00:30 CET
      expect(t.toISOString()).toBe('2026-03-29T01:30:00.000Z');
      expect(isQuiet(t, quiet, 'Europe/Berlin')).toBe(false);
    });

    it('a window whose shifted end lands in the next window waits for the following end', () => {
      const quiet = { start: '03:00', end: '02:30' }; // awake only 02:30-03:00, skipped on 2026-03-29
      const t = deliveryTime(at('2026-03-29T00:30:00Z'), quiet, 'Europe/Berlin'); // 01:30 CET
      expect(t.toISOString()).toBe('2026-03-30T00:30:00.000Z'); // 02:30 CEST on the 30th
    });
  });

  describe('across DST, west of UTC (America/New_York)', () => {
    it('spring forward 2026-03-08: 07:00 EDT is 11:00 UTC', () => {
      expect(deliver('2026-03-08T03:00:00Z', 'America/New_York')).toBe('2026-03-08T11:00:00.000Z'); // 22:00 EST
    });

    it('fall back 2026-11-01: 07:00 EST is 12:00 UTC', () => {
      expect(deliver('2026-11-01T02:30:00Z', 'America/New_York')).toBe('2026-11-01T12:00:00.000Z'); // 22:30 EDT
    });

    it('an end in the repeated hour is the next 01:30 on the clock, whichever pass we are in', () => {
      const quiet = { start: '22:00', end: '01:30' };
      // 01:10 EDT (first pass) -> 01:30 EDT
      expect(deliver('2026-11-01T05:10:00Z', 'America/New_York', quiet)).toBe('2026-11-01T05:30:00.000Z');
      // 01:10 EST (second pass): the first 01:30 is gone, wait for 01:30 EST
      expect(deliver('2026-11-01T06:10:00Z', 'America/New_York', quiet)).toBe('2026-11-01T06:30:00.000Z');
    });
  });

  it('southern hemisphere fall back (Australia/Sydney 2026-04-05): 07:00 AEST is 21:00 UTC', () => {
    expect(deliver('2026-04-04T11:30:00Z', 'Australia/Sydney')).toBe('2026-04-04T21:00:00.000Z'); // 22:30 AEDT
  });

  it('property: never earlier than now, never inside quiet hours, at most two days away', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'] as const;
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const anyTime = fc.tuple(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.constantFrom(...zones));
    // Half the runs within 30 h of a 2026 DST change (UTC instant) of the zone they use.
    const changes: [string, string][] = [
      ['Europe/Berlin', '2026-03-29T01:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00Z'],
      ['America/New_York', '2026-03-08T07:00Z'],
      ['America/New_York', '2026-11-01T06:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00Z'], // 30-minute change
      ['Australia/Lord_Howe', '2026-10-03T15:30Z'],
    ];
    const nearChange = fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -30 * 3600_000, max: 30 * 3600_000 }))
      .map(([[zone, iso], delta]): [number, string] => [Date.parse(iso) + delta, zone]);
    fc.assert(
      fc.property(fc.oneof(anyTime, nearChange), hhmm, hhmm, ([ms, zone], start, end) => {
        const now = new Date(ms);
        const quiet = { start, end };
        const t = deliveryTime(now, quiet, zone);
        expect(t.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(isQuiet(t, quiet, zone)).toBe(false);
        // One day normally; two only when a spring-forward gap swallows the end (see the 03:00-02:30 case).
        expect(t.getTime() - now.getTime()).toBeLessThanOrEqual(48 * 3600_000);
        if (!isQuiet(now, quiet, zone)) expect(t.getTime()).toBe(now.getTime());
      }),
      { numRuns: 1000 },
    );
  });
});
