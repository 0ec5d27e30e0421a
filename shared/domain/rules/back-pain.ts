/**
 * Back-pain check-in (training-rules.md): pain reported in 3 consecutive weeks while the runner did
 * core work at least 3 times a week → an email recommending a physical therapist or specialist
 * (never a diagnosis). Core work and rest have not helped, so the advice is to get it looked at.
 */
import { DateTime } from 'luxon';
import type { Finding } from './findings.js';
import { addDays, parseDate } from '../week/dates.js';
import type { RuleSettings } from '../week/types.js';
import { InvalidValueError } from '../errors.js';

export interface BackPainReport {
  /** ISO week label "2026-W10" or the week's Monday "2026-03-02". */
  week: string;
  pain: boolean;
  coreSessions: number;
}

/** Monday of a week given as "YYYY-Www" or "YYYY-MM-DD" (any day of it). */
function mondayOf(week: string): string {
  if (/^\d{4}-W\d{2}$/.test(week)) {
    const dt = DateTime.fromISO(`${week}-1`, { zone: 'UTC' }); // ISO week date, Monday
    // Luxon rejects week 53 of a 52-week year rather than rolling over.
    if (!dt.isValid) throw new InvalidValueError(`not an ISO week: ${week}`);
    return dt.toFormat('yyyy-MM-dd');
  }
  return parseDate(week).startOf('week').toFormat('yyyy-MM-dd');
}

/**
 * @param reports most recent first.
 * The streak counts back from the most recent report while weeks are consecutive and each had pain
 * with core ≥ target. It fires when the streak reaches N (default 3) and again at 2N, 3N, ...,
 * so a runner whose pain goes on is reminded every N weeks rather than every week.
 */
export function backPainReferralDue(reports: BackPainReport[], settings: RuleSettings): Finding | null {
  const n = settings.backPainConsecutiveWeeks;
  let streak = 0;
  let expected: string | null = null;
  for (const r of reports) {
    const monday = mondayOf(r.week);
    if (expected !== null && monday !== expected) break;
    if (!r.pain || r.coreSessions < settings.coreTargetPerWeek) break;
    streak += 1;
    expected = addDays(monday, -7);
  }
  return n > 0 && streak >= n && streak % n === 0 ? { rule: 'back-pain-referral', weeks: streak } : null;
}
