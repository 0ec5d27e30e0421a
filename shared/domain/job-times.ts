import { DateTime } from 'luxon';
import { DomainError } from './errors.js';

/**
 * When each per-runner job runs, in the runner's own zone. Named defaults (training-rules.md: the
 * weekly email goes out Sunday 18:00 local; the core check looks at the evening, when "can the week's
 * target still be met" is decided).
 */
export const RUNNER_JOB_TIMES = {
  'core-check': { localTime: '18:00' },
  'weekly-digest': { localTime: '18:00', isoWeekday: 7 },
} as const satisfies Record<string, { localTime: string; isoWeekday?: number }>;

export type RunnerJob = keyof typeof RUNNER_JOB_TIMES;

/**
 * The first instant strictly after `now` when the runner's wall clock shows `localTime` (on
 * `isoWeekday`, when given). A time that does not exist that day (DST gap) moves forward with luxon.
 */
export function nextLocalRun(now: Date, timeZone: string, localTime: string, isoWeekday?: number): Date {
  const [hour, minute] = localTime.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  for (let day = 0; day <= 8; day++) {
    const candidate = local.plus({ days: day }).set({ hour, minute, second: 0, millisecond: 0 });
    if (isoWeekday !== undefined && candidate.weekday !== isoWeekday) continue;
    if (candidate.toMillis() > now.getTime()) return candidate.toJSDate();
  }
  throw new DomainError('unreachable: a matching day exists within 8 days');
}

export function nextRunOf(job: RunnerJob, now: Date, timeZone: string): Date {
  const t: { localTime: string; isoWeekday?: number } = RUNNER_JOB_TIMES[job];
  return nextLocalRun(now, timeZone, t.localTime, t.isoWeekday);
}

/**
 * The last instant at or before `now` when the runner's wall clock showed `localTime` (on
 * `isoWeekday`): the slot a late-running job was meant for, so it reports on the right week.
 */
export function previousLocalRun(now: Date, timeZone: string, localTime: string, isoWeekday?: number): Date {
  const [hour, minute] = localTime.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  for (let day = 0; day <= 8; day++) {
    const candidate = local.minus({ days: day }).set({ hour, minute, second: 0, millisecond: 0 });
    if (isoWeekday !== undefined && candidate.weekday !== isoWeekday) continue;
    if (candidate.toMillis() <= now.getTime()) return candidate.toJSDate();
  }
  throw new DomainError('unreachable: a matching day exists within 8 days');
}

export function slotOf(job: RunnerJob, now: Date, timeZone: string): Date {
  const t: { localTime: string; isoWeekday?: number } = RUNNER_JOB_TIMES[job];
  return previousLocalRun(now, timeZone, t.localTime, t.isoWeekday);
}
