/**
 * Quiet hours: no texts between `start` and `end` on the runner's wall clock. The decision is made on
 * local wall time (what the runner's bedside clock shows), so DST changes move the window with the
 * clock rather than by a fixed number of UTC hours.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import { inZone, parseLocalTime } from './time.js';
import type { QuietHours, TimeZone } from './types.js';
import { InvalidValueError } from './errors.js';

interface Window {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

/** null when start == end: the runner has no quiet hours. Throws on malformed times (validated at entry). */
function windowOf(quiet: QuietHours): Window | null {
  const s = parseLocalTime(quiet.start);
  const e = parseLocalTime(quiet.end);
  if (!s || !e) throw new InvalidValueError(`quiet hours must be "HH:mm": ${quiet.start}-${quiet.end}`);
  const start = s.hour * 60 + s.minute;
  const end = e.hour * 60 + e.minute;
  return start === end ? null : { start, end };
}

function inWindow(w: Window, minuteOfDay: number): boolean {
  // Start inclusive, end exclusive: 21:00 is quiet, 07:00 is not.
  return w.start < w.end ? minuteOfDay >= w.start && minuteOfDay < w.end : minuteOfDay >= w.start || minuteOfDay < w.end; // crosses midnight, e.g. 21:00-07:00
}

/** True when `now` falls inside the runner's quiet hours. */
export function isQuiet(now: Date, quiet: QuietHours, zone: TimeZone): boolean {
  const w = windowOf(quiet);
  if (!w) return false;
  const local = inZone(now, zone);
  return inWindow(w, local.hour * 60 + local.minute);
}

/**
 * When a text produced at `now` may go out: `now` itself (same instant) outside quiet hours, otherwise
 * the instant the current quiet window ends, i.e. the next time the local clock reads `quiet.end`.
 *
 * DST notes:
 * - Fall-back: a wall time such as 01:30 happens twice. We take the first occurrence after `now`, so a
 *   window ending at 01:30 that is entered during the repeated hour still ends at the second 01:30.
 * - Spring-forward: if `quiet.end` does not exist that day (02:30 in Berlin on 2026-03-29), luxon moves
 *   it forward by the gap (to 03:30 CEST). The text then goes out up to an hour after the clock has
 *   jumped past `end`; we accept that: it is still after quiet hours, never during them (checked below).
 */
export function deliveryTime(now: Date, quiet: QuietHours, zone: TimeZone): Date {
  const w = windowOf(quiet);
  if (!w) return now;
  const local = inZone(now, zone);
  const minuteOfDay = local.hour * 60 + local.minute;
  if (!inWindow(w, minuteOfDay)) return now;

  // Before midnight in a window that crosses it, the window ends tomorrow; otherwise today.
  const endDay = w.start > w.end && minuteOfDay >= w.start ? local.plus({ days: 1 }) : local;
  const wall = {
    year: endDay.year,
    month: endDay.month,
    day: endDay.day,
    hour: Math.floor(w.end / 60),
    minute: w.end % 60,
  };
  const end = firstAtWallTime(wall, zone, now).toJSDate();
  // A window such as 03:00-02:30 whose end falls in a spring-forward gap has no quiet-free moment that
  // day (the shifted end is already inside the next window): wait for the following end instead.
  return isQuiet(end, quiet, zone) ? deliveryTime(end, quiet, zone) : end;
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number };

/** The earliest instant after `after` at which the clock in `zone` reads `wall` (see DST notes above). */
function firstAtWallTime(wall: Wall, zone: TimeZone, after: Date): DateTime {
  const base = DateTime.fromObject(wall, { zone });
  const candidates = [base];
  // An ambiguous wall time has one instant per offset in force around it; luxon returns only one.
  for (const probe of [base.minus({ hours: 3 }), base.plus({ hours: 3 })]) {
    const alt = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(probe.offset) }).setZone(zone);
    if (alt.hour === wall.hour && alt.minute === wall.minute && alt.day === wall.day) candidates.push(alt);
  }
  const later = candidates.filter((c) => c.toMillis() > after.getTime()).sort((a, b) => a.toMillis() - b.toMillis());
  return later[0] ?? base;
}
