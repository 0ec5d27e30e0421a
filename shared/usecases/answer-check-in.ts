/**
 * A runner's answer through a one-tap link (`/c/{token}`): the tap on a core link, the back-pain
 * answer, the plank test result.
 *
 * Primary course:
 * 1. Core: the session is logged for today (a tapped link counts once per local day), and the week's
 *    core sessions so far are read back for the page.
 * 2. Back pain: the answer is recorded for the link's week. A "yes" may complete the streak this very
 *    week, so the back-pain referral decides now (back-pain-referral.ts) rather than with the next
 *    weekly email; a "no" reads nothing more.
 * 3. Plank: the result is logged (dated today, never before the offer).
 */
import { localDateOf } from '../domain/time.js';
import type { Runner } from '../domain/types.js';
import type { LinkPayload } from '../signing/links.js';
import { referIfBackPainPersists, type BackPainReferralDeps } from './back-pain-referral.js';
import { answerBackPain, logCoreSession, logPlankResult, type CheckInDeps } from './check-ins.js';
import type { JobStep } from './job-day.js';
import { loadTrainingWeeks, type TrainingWeeksDeps } from './training-weeks.js';

export type AnswerCheckInDeps = CheckInDeps & BackPainReferralDeps & TrainingWeeksDeps;

/** The answer, parsed at the edge; its kind is the link's. */
export type CheckInAnswer = { kind: 'core' } | { kind: 'pain'; pain: boolean } | { kind: 'plank'; completed: boolean };

export type CheckInOutcome =
  | { kind: 'core'; counted: boolean; coreSessions: number }
  | { kind: 'pain'; pain: boolean; referral: JobStep | null }
  | { kind: 'plank'; completed: boolean };

export async function answerCheckIn(
  runner: Runner,
  link: Pick<LinkPayload, 'date'>,
  answer: CheckInAnswer,
  deps: AnswerCheckInDeps,
): Promise<CheckInOutcome> {
  if (answer.kind === 'core') {
    const logged = await logCoreSession(runner, undefined, false, deps);
    const weeks = await loadTrainingWeeks(runner, today(runner, deps), deps);
    return { kind: 'core', counted: logged.ok && logged.counted, coreSessions: weeks.current.coreSessions };
  }
  if (answer.kind === 'pain') {
    await answerBackPain(runner, link.date, answer.pain, deps);
    if (!answer.pain) return { kind: 'pain', pain: false, referral: null };
    const weeks = await loadTrainingWeeks(runner, today(runner, deps), deps);
    return { kind: 'pain', pain: true, referral: await referIfBackPainPersists(runner, weeks, deps) };
  }
  await logPlankResult(runner, link.date, answer.completed, deps);
  return { kind: 'plank', completed: answer.completed };
}

const today = (runner: Runner, deps: AnswerCheckInDeps) => localDateOf(deps.clock.now(), runner.settings.timeZone);
