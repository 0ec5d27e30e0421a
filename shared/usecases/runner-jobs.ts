import { unitsOf } from '../domain/units.js';
import { nextRunOf, slotOf, type RunnerJob } from '../domain/job-times.js';
import { renderBackPainReferralEmail } from '../domain/messages/back-pain.js';
import { renderCoreNudge } from '../domain/messages/core-nudge.js';
import { renderPlankTestEmail, renderPlankTestSms } from '../domain/messages/plank-test.js';
import { renderRestDayStretch } from '../domain/messages/rest-day-stretch.js';
import { renderWeeklyDigest } from '../domain/messages/weekly-digest.js';
import { backPainReferralDue } from '../domain/rules/back-pain.js';
import { coreNudgeDue, pickCoreExercises } from '../domain/rules/core-frequency.js';
import { weeklyFindings } from '../domain/rules/evaluate-week.js';
import { isAdvancedRunner, plankCircuit, plankTestDue } from '../domain/rules/plank-test.js';
import { inZone, localDateOf } from '../domain/time.js';
import type { OutgoingMessage, Runner } from '../domain/types.js';
import { isRun } from '../domain/workout.js';
import { daysBetween, epochDay } from '../domain/week/dates.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../domain/week/types.js';
import { linkUrl, type LinkKind } from '../signing/links.js';
export { scheduleRunnerJobs } from './schedule-runner-jobs.js';
import type { BackfillStore, WorkoutStore } from '../ports/index.js';
import type { CheckInStore, JobScheduleStore } from '../ports/index.js';
import { emailTo, sendOnce, smsTo, type SendDeps, type SendOutcome } from './send-or-hold.js';
import { loadTrainingWeeks, type TrainingWeeks } from './training-weeks.js';

export interface RunnerJobDeps extends SendDeps {
  workouts: Pick<WorkoutStore, 'listWorkouts'>;
  checkIns: CheckInStore;
  schedule: JobScheduleStore;
  /** The history import's window tells whether stored history is cut off by the import. */
  backfills?: Pick<BackfillStore, 'getCursor'>;
  publicUrl: string;
  linkSecret: string;
  settings?: RuleSettings;
}

export type JobStep = { kind: OutgoingMessage['kind']; outcome: SendOutcome | { status: 'skipped'; reason: string } };

const link = (deps: RunnerJobDeps, kind: LinkKind, runner: Runner, date: string) =>
  linkUrl(deps.publicUrl, deps.linkSecret, { kind, runnerId: runner.runnerId, date }, deps.clock.now());

/** Runs one job for one runner, then moves their schedule to the next local occurrence. */
export async function runRunnerJob(job: RunnerJob, runner: Runner, deps: RunnerJobDeps): Promise<JobStep[]> {
  try {
    return job === 'core-check' ? await coreCheck(runner, deps) : await weeklyDigest(runner, deps);
  } finally {
    // Move on even when this run failed: the batch is retried by the bus (the ledger keeps anything
    // already sent from going twice), and a runner stuck in an old hour bucket would age out of the
    // job's look-back and never be served again.
    await deps.schedule.setNextRun(runner.runnerId, job, nextRunOf(job, deps.clock.now(), runner.settings.timeZone));
  }
}

/**
 * The evening check: a core nudge when the week's target can no longer be met without doubling up
 * (once per day), the hamstring reminder on a day without a run (when the runner asked for it), and the plank test on a rest day for runners with enough history (every 4 weeks).
 */
async function coreCheck(runner: Runner, deps: RunnerJobDeps): Promise<JobStep[]> {
  const settings = deps.settings ?? DEFAULT_RULE_SETTINGS;
  const now = deps.clock.now();
  const local = inZone(now, runner.settings.timeZone);
  const today = localDateOf(now, runner.settings.timeZone);
  const weeks = await loadTrainingWeeks(runner, today, deps, settings);
  const steps: JobStep[] = [];

  const finding = coreNudgeDue({ week: weeks.current, today, localHour: local.hour, settings });
  const phone = smsTo(runner);
  if (finding?.rule === 'core-frequency' && phone) {
    const text = renderCoreNudge({
      firstName: runner.firstName,
      done: finding.done,
      target: finding.target,
      exercises: pickCoreExercises(epochDay(today), 3),
      checkInUrl: link(deps, 'core', runner, today),
    });
    const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'sms', to: phone, kind: 'core-nudge', text };
    steps.push({ kind: 'core-nudge', outcome: await sendOnce(message, runner, `core-nudge#${today}`, deps) });
  } else if (finding) {
    steps.push({ kind: 'core-nudge', outcome: { status: 'skipped', reason: 'no-sms' } });
  }

  // The week summary already knows which days had a run.
  const isRestDay = weeks.current.daily.find((d) => d.date === today)?.runs === 0;
  if (isRestDay && runner.settings.dailyStretch && phone) {
    const text = renderRestDayStretch({ firstName: runner.firstName });
    const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'sms', to: phone, kind: 'daily-stretch', text };
    steps.push({ kind: 'daily-stretch', outcome: await sendOnce(message, runner, `daily-stretch#${today}`, deps) });
  }

  // The plank test needs a rest day and no offer in the last 4 weeks; only then is the year of
  // history read that decides eligibility (this job runs for every runner every evening).
  if (!isRestDay) return steps;
  const last = await deps.checkIns.lastPlankTest(runner.runnerId);
  if (last && daysBetween(last.date, today) < settings.plankEveryWeeks * 7) return steps;
  const firstRunDate = await firstRunLocalDate(runner, today, deps);
  const advanced = isAdvancedRunner(weeks.workouts, today, settings);
  const plank = plankTestDue({ today, isRestDay, firstRunDate, lastPlankTestDate: last?.date ?? null, advanced, settings });
  if (plank) {
    const logUrl = link(deps, 'plank', runner, today);
    const email = emailTo(runner);
    const message: OutgoingMessage | null = phone
      ? {
          runnerId: runner.runnerId,
          channel: 'sms',
          to: phone,
          kind: 'plank-test',
          text: renderPlankTestSms({ firstName: runner.firstName, advanced, logUrl }),
        }
      : email
        ? {
            runnerId: runner.runnerId,
            channel: 'email',
            to: email,
            kind: 'plank-test',
            ...renderPlankTestEmail({
              firstName: runner.firstName,
              steps: plankCircuit(advanced, settings.plankShortenSeconds, settings.plankMinHoldSeconds),
              logUrl,
            }),
          }
        : null;
    if (message) {
      const outcome = await sendOnce(message, runner, `plank-test#${today}`, deps);
      if (outcome.status !== 'already-sent')
        await deps.checkIns.recordPlankTest(runner.runnerId, { date: today, kind: 'offered' });
      steps.push({ kind: 'plank-test', outcome });
    }
  }
  return steps;
}

/** History reaches back at most this far for plank eligibility. */
const FIRST_RUN_LOOKBACK_DAYS = 400;
/**
 * The history import reaches back exactly 6 months, the plank rule's own threshold, so the first
 * imported run always looks a little younger than that. A first run within this many days of the
 * import window's start means the runner was already running when the window opened: their history
 * counts from the window's start, so the rule can work from day one.
 */
export const IMPORT_EDGE_DAYS = 14;

async function firstRunLocalDate(runner: Runner, today: string, deps: RunnerJobDeps): Promise<string | null> {
  const zone = runner.settings.timeZone;
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - FIRST_RUN_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const first = (await deps.workouts.listWorkouts(runner.runnerId, from, today)).find(isRun);
  if (!first) return null;
  const firstDate = localDateOf(new Date(first.startUtc), zone);
  const cursor = await deps.backfills?.getCursor(runner.runnerId);
  if (cursor && Date.parse(first.startUtc) - Date.parse(cursor.after) <= IMPORT_EDGE_DAYS * 86_400_000) {
    return localDateOf(new Date(cursor.after), zone);
  }
  return firstDate;
}

/** Sunday evening: the mileage-balance email, and the referral email after weeks of back pain. */
async function weeklyDigest(runner: Runner, deps: RunnerJobDeps): Promise<JobStep[]> {
  const email = emailTo(runner);
  if (!email) return [{ kind: 'weekly-digest', outcome: { status: 'skipped', reason: 'no-email' } }];
  const settings = deps.settings ?? DEFAULT_RULE_SETTINGS;
  // The week of the slot this run is for (Sunday 18:00), not of "now": a run delayed past midnight
  // by an outage still reports the week that ended, and under that week's ledger key.
  const slot = slotOf('weekly-digest', deps.clock.now(), runner.settings.timeZone);
  const today = localDateOf(slot, runner.settings.timeZone);
  const weeks = await loadTrainingWeeks(runner, today, deps, settings);
  const week = weeks.current;
  const steps: JobStep[] = [];

  const digest = renderWeeklyDigest({
    firstName: runner.firstName,
    week,
    load: weeks.load,
    findings: weeklyFindings(week, weeks.load, settings),
    units: unitsOf(runner),
    coreTarget: settings.coreTargetPerWeek,
    speedShareMax: settings.speedShareMax,
    backPainCheckInUrl: link(deps, 'pain', runner, week.start),
    settingsUrl: `${deps.publicUrl.replace(/\/$/, '')}/settings`,
    ramp: settings,
  });
  const message: OutgoingMessage = { runnerId: runner.runnerId, channel: 'email', to: email, kind: 'weekly-digest', ...digest };
  steps.push({ kind: 'weekly-digest', outcome: await sendOnce(message, runner, `weekly-digest#${week.week}`, deps) });

  const referral = await referIfBackPainPersists(runner, weeks, deps);
  if (referral) steps.push(referral);
  return steps;
}

/**
 * The back-pain rule: when the runner's most recent answers are N consecutive weeks of pain while
 * doing core work ≥ 3×/week, one email recommending a physical therapist or specialist. Checked when
 * an answer comes in and with each weekly email; the ledger key is the latest answered week, so both
 * paths send it once.
 */
export async function referIfBackPainPersists(
  runner: Runner,
  weeks: TrainingWeeks,
  deps: SendDeps & { checkIns: Pick<CheckInStore, 'listBackPain'>; settings?: RuleSettings },
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
