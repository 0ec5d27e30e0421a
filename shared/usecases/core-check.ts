/**
 * The evening check (the `core-check` job, 18:00 local): three decisions over one read of the week.
 *
 * Primary course:
 * 1. Today and the local hour in the runner's zone; the training weeks up to today, read once.
 * 2. The core nudge (core-nudge.ts).
 * 3. The rest-day hamstring reminder (rest-day-stretch.ts).
 * 4. The plank test offer (plank-offer.ts).
 * Each is sent at most once per day by its own ledger key, so the job running twice sends nothing new.
 */
import { inZone, localDateOf } from '../domain/time.js';
import type { Runner } from '../domain/types.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../domain/week/types.js';
import { nudgeCoreWork, type CoreNudgeDeps } from './core-nudge.js';
import type { JobDay, JobStep } from './job-day.js';
import { offerPlankTest, type PlankOfferDeps } from './plank-offer.js';
import { remindRestDayStretch } from './rest-day-stretch.js';
import { loadTrainingWeeks, type TrainingWeeksDeps } from './training-weeks.js';

export interface CoreCheckDeps extends CoreNudgeDeps, PlankOfferDeps {
  workouts: PlankOfferDeps['workouts'] & TrainingWeeksDeps['workouts'];
  checkIns: PlankOfferDeps['checkIns'] & TrainingWeeksDeps['checkIns'];
  settings?: RuleSettings;
}

export async function runCoreCheck(runner: Runner, deps: CoreCheckDeps): Promise<JobStep[]> {
  const settings = deps.settings ?? DEFAULT_RULE_SETTINGS;
  const now = deps.clock.now();
  const today = localDateOf(now, runner.settings.timeZone);
  const day: JobDay = { runner, today, weeks: await loadTrainingWeeks(runner, today, deps, settings), settings };

  const steps: JobStep[] = [];
  const nudge = await nudgeCoreWork({ ...day, localHour: inZone(now, runner.settings.timeZone).hour }, deps);
  if (nudge) steps.push(nudge);
  const stretch = await remindRestDayStretch(day, deps);
  if (stretch) steps.push(stretch);
  const plank = await offerPlankTest(day, deps);
  if (plank) steps.push(plank);
  return steps;
}
