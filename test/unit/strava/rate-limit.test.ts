import { describe, expect, it } from 'vitest';
import { nextQuarterHour, parseRateLimitHeaders, rateLimitRetryAt } from '../../../shared/adapters/strava/rate-limits.js';

describe('nextQuarterHour', () => {
  it.each([
    ['2026-03-01T07:31:10.000Z', '2026-03-01T07:45:00.000Z'],
    ['2026-03-01T07:00:00.000Z', '2026-03-01T07:15:00.000Z'],
    ['2026-03-01T07:14:59.999Z', '2026-03-01T07:15:00.000Z'],
    ['2026-03-01T23:50:00.000Z', '2026-03-02T00:00:00.000Z'],
  ])('%s → %s', (now, expected) => {
    expect(nextQuarterHour(new Date(now)).toISOString()).toBe(expected);
  });
});

describe('rate-limit headers', () => {
  const at = new Date('2026-03-01T07:31:10Z');

  it("parses Strava's 15min,daily pairs", () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '200,2000',
      'X-RateLimit-Usage': '31,412',
      'X-ReadRateLimit-Limit': '100,1000',
      'X-ReadRateLimit-Usage': '17,233',
    });
    expect(parseRateLimitHeaders(headers, at)).toEqual({
      overall: { usage15: 31, usageDaily: 412, limit15: 200, limitDaily: 2000 },
      read: { usage15: 17, usageDaily: 233, limit15: 100, limitDaily: 1000 },
      at,
    });
  });

  it('returns null without headers and ignores malformed ones', () => {
    expect(parseRateLimitHeaders(new Headers(), at)).toBeNull();
    expect(parseRateLimitHeaders(new Headers({ 'X-RateLimit-Usage': 'lots' }), at)).toBeNull();
  });

  it('retries at the next quarter hour, or at UTC midnight once a daily limit is spent', () => {
    const short = parseRateLimitHeaders(
      new Headers({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '101,500' }),
      at,
    );
    expect(rateLimitRetryAt(at, short).toISOString()).toBe('2026-03-01T07:45:00.000Z');
    const daily = parseRateLimitHeaders(
      new Headers({ 'X-ReadRateLimit-Limit': '100,1000', 'X-ReadRateLimit-Usage': '40,1001' }),
      at,
    );
    expect(rateLimitRetryAt(at, daily).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(rateLimitRetryAt(at, null).toISOString()).toBe('2026-03-01T07:45:00.000Z');
  });
});
