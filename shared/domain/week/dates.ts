/**
 * Calendar-date arithmetic on "YYYY-MM-DD" strings. Dates are handled as plain calendar days (in
 * UTC, where every day has 24 hours), so a DST change in the runner's zone can never shorten or
 * lengthen a day here. Instants are turned into dates once, in aggregate.ts, via time.ts.
 */
import { DateTime } from 'luxon';
import { InvalidValueError } from '../errors.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses "YYYY-MM-DD"; throws an InvalidValueError on anything else (including 2026-02-30). */
export function parseDate(date: string): DateTime {
  const dt = DATE_RE.test(date) ? DateTime.fromISO(date, { zone: 'UTC' }) : DateTime.invalid('bad format');
  if (!dt.isValid) throw new InvalidValueError(`not a calendar date "YYYY-MM-DD": ${date}`);
  return dt;
}

export function formatDate(dt: DateTime): string {
  return dt.toFormat('yyyy-MM-dd');
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date).plus({ days }));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(parseDate(to).diff(parseDate(from), 'days').days);
}

/** Days since 1970-01-01: a stable running day number, e.g. for rotating exercises across weeks. */
export function epochDay(date: string): number {
  return daysBetween('1970-01-01', date);
}
