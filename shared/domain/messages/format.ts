/** Number and date wording shared by the texts and the emails. Pure: no clock, no locale lookups. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
/** Fallback labels by position for a Mon..Sun week whose dates cannot be read. */
export const WEEK_DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  // Through the decimal string first, so 9.95 rounds as written (binary 9.95 is a hair less).
  return Math.round(Number(value.toFixed(6)) * f) / f;
}

/** Shares above this (1000%) are broken records; they show as "over 1000%" rather than "1e+21%". */
const MAX_SHOWN_SHARE = 10;

/** A share (0.1 = 10%) as a whole percent, e.g. "10%"; broken or negative input shows as "0%". */
export function percent(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  if (share > MAX_SHOWN_SHARE) return `over ${MAX_SHOWN_SHARE * 100}%`;
  return `${roundTo(share * 100, 0)}%`;
}

/**
 * A share set against a limit: a whole percent, with one or two decimals only where rounding would
 * hide which side of the limit it is on (0.0993 against 0.1 is "9.9%", not "10%"); "just over 10%"
 * when even two decimals cannot tell. Broken or negative shares show as "0%".
 */
export function percentAgainst(share: number, limit: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  if (share > MAX_SHOWN_SHARE) return percent(share);
  const p = share * 100;
  const l = limit * 100;
  if (share === limit || !Number.isFinite(limit)) return `${roundTo(p, 0)}%`;
  for (const digits of [0, 1, 2]) {
    const shown = roundTo(p, digits);
    if (shown !== roundTo(l, digits)) return `${shown.toFixed(digits)}%`;
  }
  return `just ${share > limit ? 'over' : 'under'} ${percent(limit)}`;
}

/** "under 10%" / "over 10%" / "at 10%". */
export function sideOfLimit(share: number, limit: number): string {
  const s = Number.isFinite(share) && share > 0 ? share : 0;
  const word = s > limit ? 'over' : s < limit ? 'under' : 'at';
  return `${word} ${percent(limit)}`;
}

/** "up 11%", "down 5%", "about the same" for a relative change (0.11 = +11%). */
export function changeWords(change: number): string {
  const p = roundTo(change * 100, 0);
  if (p === 0) return 'about the same';
  return p > 0 ? `up ${p}%` : `down ${-p}%`;
}

/** A local date "YYYY-MM-DD" as parts, or null when it is not one. */
export function parseLocalDate(date: string): { y: number; m: number; d: number; weekday: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date ?? ''));
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const utc = new Date(Date.UTC(y, m - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) return null;
  return { y, m, d, weekday: utc.getUTCDay() };
}

/** "Mon", or the fallback when the date cannot be read. */
export function weekdayLabel(date: string, fallback: string): string {
  const p = parseLocalDate(date);
  return p ? (WEEKDAYS[p.weekday] ?? fallback) : fallback;
}

/** "Tue 3 Mar", or the date as given when it cannot be read. */
export function shortDate(date: string): string {
  const p = parseLocalDate(date);
  return p ? `${WEEKDAYS[p.weekday]} ${p.d} ${MONTHS[p.m - 1]}` : String(date);
}

/** "2–8 Mar 2026", "30 Mar – 5 Apr 2026", "29 Dec 2025 – 4 Jan 2026". */
export function dateRange(start: string, end: string): string {
  const a = parseLocalDate(start);
  const b = parseLocalDate(end);
  if (!a || !b) return `${start} – ${end}`;
  if (a.y !== b.y) return `${a.d} ${MONTHS[a.m - 1]} ${a.y} – ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  if (a.m !== b.m) return `${a.d} ${MONTHS[a.m - 1]} – ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  return `${a.d}–${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
}

/** A whole count for display: broken or negative input shows as 0. */
export function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/** "2 min 30 s", "45 s", "3 min". */
export function minutesSeconds(totalSeconds: number): string {
  const t = count(totalSeconds);
  const m = Math.floor(t / 60);
  const s = t % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}
