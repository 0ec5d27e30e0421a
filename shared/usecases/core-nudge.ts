/**
 * The core nudge: an evening text when this week's core target can no longer be met without
 * doubling up.
 *
 * Primary course:
 * 1. The core-frequency rule looks at this week's sessions, today and the local hour.
 * 2. Not due: no step. Due, but the runner cannot be texted: a "skipped: no-sms" step.
 * 3. Due: three exercises from today's place in the rotation and a one-tap "done" link, as one SMS.
 * 4. Sent once per local day (ledger key `core-nudge#<date>`); quiet hours hold it, and a held
 *    nudge that misses its day is dropped (shared/domain/text-delivery.ts).
 */
import { renderCoreNudge } from '../domain/messages/core-nudge.js';
import { coreNudgeDue, pickCoreExercises } from '../domain/rules/core-frequency.js';
import type { OutgoingMessage } from '../domain/types.js';
import { epochDay } from '../domain/week/dates.js';
import { checkInLink, type CheckInLinkDeps } from './check-in-link.js';
import type { JobDay, JobStep } from './job-day.js';
import { sendOnce, smsTo, type SendDeps } from './send-or-hold.js';

export interface CoreNudgeDeps extends SendDeps, CheckInLinkDeps {}

export async function nudgeCoreWork(day: JobDay & { localHour: number }, deps: CoreNudgeDeps): Promise<JobStep | null> {
  const { runner, today, weeks, settings } = day;
  const finding = coreNudgeDue({ week: weeks.current, today, localHour: day.localHour, settings });
  if (!finding) return null;
  const phone = smsTo(runner);
  if (finding.rule !== 'core-frequency' || !phone)
    return { kind: 'core-nudge', outcome: { status: 'skipped', reason: 'no-sms' } };
  const text = renderCoreNudge({
    firstName: runner.firstName,
    done: finding.done,
    target: finding.target,
    exercises: pickCoreExercises(epochDay(today), 3),
    checkInUrl: checkInLink(deps, 'core', runner, today),
  });
  const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'sms', to: phone, kind: 'core-nudge', text };
  return { kind: 'core-nudge', outcome: await sendOnce(message, runner, `core-nudge#${today}`, deps) };
}
