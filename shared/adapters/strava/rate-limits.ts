/**
 * Strava's rate limits as its responses report them (X-RateLimit-* and X-ReadRateLimit-*: "15min,daily"),
 * and when a 429 may be retried: the 15-minute windows reset at :00/:15/:30/:45 UTC, the daily ones
 * at midnight UTC (strava.md).
 */
import type { RateLimitSnapshot, RateLimitWindow } from '../../ports/index.js';

function pair(value: string | null): [number, number] | null {
  if (!value) return null;
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return null;
  return [parts[0]!, parts[1]!];
}

function window(usage: string | null, limit: string | null): RateLimitWindow | null {
  const u = pair(usage);
  if (!u) return null;
  const l = pair(limit);
  return { usage15: u[0], usageDaily: u[1], limit15: l?.[0] ?? null, limitDaily: l?.[1] ?? null };
}

/** Parses Strava's "15min,daily" headers; null when the response carried none. */
export function parseRateLimitHeaders(headers: Headers, at: Date): RateLimitSnapshot | null {
  const overall = window(headers.get('x-ratelimit-usage'), headers.get('x-ratelimit-limit'));
  const read = window(headers.get('x-readratelimit-usage'), headers.get('x-readratelimit-limit'));
  return overall || read ? { overall, read, at } : null;
}

const QUARTER_MS = 15 * 60 * 1000;

/** The 15-minute window resets at :00, :15, :30 and :45 UTC; the next boundary strictly after `now`. */
export function nextQuarterHour(now: Date): Date {
  return new Date(Math.floor(now.getTime() / QUARTER_MS) * QUARTER_MS + QUARTER_MS);
}

/** The daily limits reset at midnight UTC; the next midnight strictly after `now`. */
export function nextUtcMidnight(now: Date): Date {
  const midnight = new Date(now.getTime());
  midnight.setUTCHours(24, 0, 0, 0);
  return midnight;
}

/** When a 429 may be retried: the next quarter hour, or next UTC midnight when a daily limit is spent. */
export function rateLimitRetryAt(now: Date, snapshot: RateLimitSnapshot | null): Date {
  const dailySpent = [snapshot?.overall, snapshot?.read].some((w) => w && w.limitDaily !== null && w.usageDaily >= w.limitDaily);
  return dailySpent ? nextUtcMidnight(now) : nextQuarterHour(now);
}
