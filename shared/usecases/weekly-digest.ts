/**
 * The weekly email (Sunday evening): the week's mileage balance, then the back-pain referral check.
 *
 * Primary course:
 * 1. No email address (or email off): a "skipped: no-email" step, and nothing is read.
 * 2. The week is that of the job's slot (Sunday 18:00 local), not of "now": a run delayed past
 *    midnight by an outage still reports the week that ended, under that week's ledger key.
 * 3. The training weeks up to that Sunday are read; the weekly findings are rendered with the chart,
 *    a back-pain check-in link and the settings link.
 * 4. Sent once per ISO week (ledger key `weekly-digest#<week>`).
 * 5. With the same weeks, the back-pain referral decides (back-pain-referral.ts).
 */
import { slotOf } from '../domain/job-times.js';
import { renderWeeklyDigest } from '../domain/messages/weekly-digest.js';
import { weeklyFindings } from '../domain/rules/evaluate-week.js';
import { localDateOf } from '../domain/time.js';
import type { OutgoingMessage, Runner } from '../domain/types.js';
import { unitsOf } from '../domain/units.js';
import { DEFAULT_RULE_SETTINGS } from '../domain/week/types.js';
import { referIfBackPainPersists, type BackPainReferralDeps } from './back-pain-referral.js';
import { checkInLink, type CheckInLinkDeps } from './check-in-link.js';
import type { JobStep } from './job-day.js';
import { emailTo, sendOnce } from './send-or-hold.js';
import { loadTrainingWeeks, type TrainingWeeksDeps } from './training-weeks.js';

export interface WeeklyDigestDeps extends BackPainReferralDeps, CheckInLinkDeps, TrainingWeeksDeps {
  checkIns: BackPainReferralDeps['checkIns'] & TrainingWeeksDeps['checkIns'];
}

export async function sendWeeklyDigest(runner: Runner, deps: WeeklyDigestDeps): Promise<JobStep[]> {
  const email = emailTo(runner);
  if (!email) return [{ kind: 'weekly-digest', outcome: { status: 'skipped', reason: 'no-email' } }];
  const settings = deps.settings ?? DEFAULT_RULE_SETTINGS;
  const slot = slotOf('weekly-digest', deps.clock.now(), runner.settings.timeZone);
  const today = localDateOf(slot, runner.settings.timeZone);
  const weeks = await loadTrainingWeeks(runner, today, deps, settings);
  const week = weeks.current;

  const digest = renderWeeklyDigest({
    firstName: runner.firstName,
    week,
    load: weeks.load,
    findings: weeklyFindings(week, weeks.load, settings),
    units: unitsOf(runner),
    coreTarget: settings.coreTargetPerWeek,
    speedShareMax: settings.speedShareMax,
    backPainCheckInUrl: checkInLink(deps, 'pain', runner, week.start),
    settingsUrl: `${deps.publicUrl.replace(/\/$/, '')}/settings`,
    ramp: settings,
  });
  const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'email', to: email, kind: 'weekly-digest', ...digest };
  const steps: JobStep[] = [
    { kind: 'weekly-digest', outcome: await sendOnce(message, runner, `weekly-digest#${week.week}`, deps) },
  ];
  const referral = await referIfBackPainPersists(runner, weeks, deps);
  if (referral) steps.push(referral);
  return steps;
}
