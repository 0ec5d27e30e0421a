/**
 * The rest-day stretch: the optional evening hamstring reminder on a day without a run.
 *
 * Primary course:
 * 1. Only on a rest day (no run today), only for a runner who asked for it (`dailyStretch`) and can
 *    be texted; otherwise no step.
 * 2. One SMS, sent once per local day (ledger key `daily-stretch#<date>`), held through quiet hours.
 */
import { renderRestDayStretch } from '../domain/messages/rest-day-stretch.js';
import type { OutgoingMessage } from '../domain/types.js';
import { isRestDay, type JobDay, type JobStep } from './job-day.js';
import { sendOnce, smsTo, type SendDeps } from './send-or-hold.js';

export async function remindRestDayStretch(day: JobDay, deps: SendDeps): Promise<JobStep | null> {
  const { runner, today } = day;
  const phone = smsTo(runner);
  if (!isRestDay(day) || !runner.settings.dailyStretch || !phone) return null;
  const text = renderRestDayStretch({ firstName: runner.firstName });
  const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'sms', to: phone, kind: 'daily-stretch', text };
  return { kind: 'daily-stretch', outcome: await sendOnce(message, runner, `daily-stretch#${today}`, deps) };
}
