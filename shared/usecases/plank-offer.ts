/**
 * The plank test offer: every 4 weeks, on a rest day, to a runner with 6+ months of running.
 *
 * Primary course:
 * 1. Not a rest day: no step (nothing more is read: this runs for every runner every evening).
 * 2. Offered or logged within the last `plankEveryWeeks` weeks: no step.
 * 3. Only now the year of history is read for the runner's first run (counted from the history
 *    import's window when the import cut it off), and the plank rule decides.
 * 4. Due: an SMS with the log link, or (no SMS) an email with the circuit; neither channel: no step.
 * 5. Sent once per local day (ledger key `plank-test#<date>`), and the offer is recorded so the next
 *    4 weeks are quiet (not recorded again when the ledger says the text already went).
 */
import { renderPlankTestEmail, renderPlankTestSms } from '../domain/messages/plank-test.js';
import { isAdvancedRunner, plankCircuit, plankTestDue } from '../domain/rules/plank-test.js';
import { localDateOf } from '../domain/time.js';
import type { OutgoingMessage, Runner } from '../domain/types.js';
import { daysBetween } from '../domain/week/dates.js';
import { isRun } from '../domain/workout.js';
import type { BackfillStore, WorkoutStore } from '../ports/index.js';
import type { CheckInStore } from '../ports/index.js';
import { checkInLink, type CheckInLinkDeps } from './check-in-link.js';
import { isRestDay, type JobDay, type JobStep } from './job-day.js';
import { emailTo, sendOnce, smsTo, type SendDeps } from './send-or-hold.js';

export interface PlankOfferDeps extends SendDeps, CheckInLinkDeps {
  workouts: Pick<WorkoutStore, 'listWorkouts'>;
  checkIns: Pick<CheckInStore, 'lastPlankTest' | 'recordPlankTest'>;
  /** The history import's window tells whether stored history is cut off by the import. */
  backfills?: Pick<BackfillStore, 'getCursor'>;
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

export async function offerPlankTest(day: JobDay, deps: PlankOfferDeps): Promise<JobStep | null> {
  const { runner, today, weeks, settings } = day;
  if (!isRestDay(day)) return null;
  const last = await deps.checkIns.lastPlankTest(runner.runnerId);
  if (last && daysBetween(last.date, today) < settings.plankEveryWeeks * 7) return null;
  const firstRunDate = await firstRunLocalDate(runner, today, deps);
  const advanced = isAdvancedRunner(weeks.workouts, today, settings);
  const due = plankTestDue({ today, isRestDay: true, firstRunDate, lastPlankTestDate: last?.date ?? null, advanced, settings });
  if (!due) return null;

  const logUrl = checkInLink(deps, 'plank', runner, today);
  const phone = smsTo(runner);
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
  if (!message) return null;
  const outcome = await sendOnce(message, runner, `plank-test#${today}`, deps);
  if (outcome.status !== 'already-sent') await deps.checkIns.recordPlankTest(runner.runnerId, { date: today, kind: 'offered' });
  return { kind: 'plank-test', outcome };
}

/** The local date of the runner's first run within the look-back, or of the import window's start. */
async function firstRunLocalDate(runner: Runner, today: string, deps: PlankOfferDeps): Promise<string | null> {
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
