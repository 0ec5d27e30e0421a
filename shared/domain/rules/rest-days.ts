/**
 * Rest days: a finished week without a single run-free day gets a finding for the weekly email
 * ("a sound program balances ... with rest"). A week in progress is never judged: days remain.
 */
import type { Finding } from './findings.js';
import type { WeekSummary } from '../week/types.js';

/** Fewest rest days a finished week should have. */
export const MIN_REST_DAYS_PER_WEEK = 1;

export function noRestDay(week: WeekSummary, minRestDays: number = MIN_REST_DAYS_PER_WEEK): Finding | null {
  if (week.daysElapsed < 7) return null;
  return week.restDays < minRestDays ? { rule: 'no-rest-day', restDays: week.restDays } : null;
}
