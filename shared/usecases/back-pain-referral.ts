/**
 * The back-pain referral: when the runner's most recent answers are N consecutive weeks of low back
 * pain while doing core work ≥ 3×/week, one email recommending a physical therapist or specialist.
 *
 * Primary course:
 * 1. No email address (or email off): no step.
 * 2. The answers for the current and previous weeks are read and paired with each week's core
 *    sessions; the back-pain rule decides.
 * 3. Due: one email, keyed on the latest answered week (`back-pain#<week>`). It is checked both when
 *    an answer comes in (check-in) and with each weekly email, and the shared key sends it once.
 */
import { renderBackPainReferralEmail } from '../domain/messages/back-pain.js';
import { backPainReferralDue } from '../domain/rules/back-pain.js';
import type { OutgoingMessage, Runner } from '../domain/types.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../domain/week/types.js';
import type { CheckInStore } from '../ports/index.js';
import type { JobStep } from './job-day.js';
import { emailTo, sendOnce, type SendDeps } from './send-or-hold.js';
import type { TrainingWeeks } from './training-weeks.js';

export interface BackPainReferralDeps extends SendDeps {
  checkIns: Pick<CheckInStore, 'listBackPain'>;
  settings?: RuleSettings;
}

export async function referIfBackPainPersists(
  runner: Runner,
  weeks: TrainingWeeks,
  deps: BackPainReferralDeps,
): Promise<JobStep | null> {
  const email = emailTo(runner);
  if (!email) return null;
  const summaries = [weeks.current, ...weeks.previous];
  const answers = await deps.checkIns.listBackPain(
    runner.runnerId,
    summaries.map((w) => w.week),
  );
  const reports = summaries.flatMap((w) => {
    const a = answers.find((x) => x.week === w.week);
    return a ? [{ week: w.week, pain: a.pain, coreSessions: w.coreSessions }] : [];
  });
  const referral = backPainReferralDue(reports, deps.settings ?? DEFAULT_RULE_SETTINGS);
  if (referral?.rule !== 'back-pain-referral') return null;
  const rendered = renderBackPainReferralEmail({ firstName: runner.firstName, weeks: referral.weeks });
  const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'email', to: email, kind: 'back-pain', ...rendered };
  return { kind: 'back-pain', outcome: await sendOnce(message, runner, `back-pain#${reports[0]!.week}`, deps) };
}
