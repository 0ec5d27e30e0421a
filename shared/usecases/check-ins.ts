import { localDateOf } from '../domain/time.js';
import type { Runner } from '../domain/types.js';
import { weekLabelOf } from '../domain/week/aggregate.js';
import { addDays } from '../domain/week/dates.js';
import type { Clock } from '../ports/index.js';
import type { CheckInStore } from '../ports/index.js';

export interface CheckInDeps {
  checkIns: CheckInStore;
  clock: Clock;
}

/** Explicitly logged sessions may be back-dated this far (the current and the previous ISO week). */
export const CORE_LOG_MAX_DAYS_BACK = 13;

export type CoreLogResult = { ok: true; date: string; counted: boolean } | { ok: false; field: 'date'; message: string };

/**
 * Logs a core session. A day's session counts once whichever way it arrives (a tapped link, the
 * settings page, the API): a double click or a link opened twice changes nothing. `explicit: true`
 * ("log another one today") adds a real further session that day.
 */
export async function logCoreSession(
  runner: Runner,
  date: string | undefined,
  explicit: boolean,
  deps: CheckInDeps,
): Promise<CoreLogResult> {
  const today = localDateOf(deps.clock.now(), runner.settings.timeZone);
  const day = date ?? today;
  if (day > today)
    return { ok: false, field: 'date', message: `cannot be in the future (today is ${today} in ${runner.settings.timeZone})` };
  if (day < addDays(today, -CORE_LOG_MAX_DAYS_BACK)) {
    return { ok: false, field: 'date', message: `can be at most ${CORE_LOG_MAX_DAYS_BACK} days back` };
  }
  const counted = await deps.checkIns.addCoreSession({
    runnerId: runner.runnerId,
    localDate: day,
    source: 'check-in',
    sourceId: '', // the store names it: the day for a tapped link, a fresh id for a logged session
    explicit,
  });
  return { ok: true, date: day, counted };
}

/** The runner's answer to "any low back pain this week?" for the week starting `weekStart`. */
export async function answerBackPain(runner: Runner, weekStart: string, pain: boolean, deps: CheckInDeps): Promise<string> {
  const week = weekLabelOf(weekStart);
  await deps.checkIns.recordBackPain(runner.runnerId, week, pain, deps.clock.now());
  return week;
}

export async function logPlankResult(runner: Runner, offeredOn: string, completed: boolean, deps: CheckInDeps): Promise<void> {
  const today = localDateOf(deps.clock.now(), runner.settings.timeZone);
  await deps.checkIns.recordPlankTest(runner.runnerId, {
    date: today < offeredOn ? offeredOn : today,
    kind: completed ? 'completed' : 'not-completed',
  });
}
