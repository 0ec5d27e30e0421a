import { unitsOf } from '../domain/units.js';
import { renderSpeedWarning } from '../domain/messages/speed-warning.js';
import { speedShareExceeded } from '../domain/rules/speed-share.js';
import { localDateOf } from '../domain/time.js';
import type { OutgoingMessage } from '../domain/types.js';
import { isRun } from '../domain/workout.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from '../domain/week/types.js';
import type { WorkoutRecordedDetail } from '../ports/events.js';
import type { RunnerStore, WorkoutStore } from '../ports/index.js';
import type { CheckInStore } from '../ports/index.js';
import { sendOnce, smsTo, type SendDeps, type SendOutcome } from './send-or-hold.js';
import { loadTrainingWeeks } from './training-weeks.js';

export interface SpeedCheckDeps extends SendDeps {
  runners: Pick<RunnerStore, 'getRunner'>;
  workouts: Pick<WorkoutStore, 'getWorkout' | 'listWorkouts'>;
  checkIns: Pick<CheckInStore, 'listCoreSessions'>;
  settings?: RuleSettings;
}

export type SpeedCheckOutcome = SendOutcome | { status: 'skipped'; reason: string };

/**
 * After a run is recorded (or re-fetched after an edit): if this week's speed work is now above 10%
 * of the larger of the week so far and the trailing 4-week average, text a warning — once per week.
 * Only the runner's current week counts: editing last month's run warns nobody.
 */
export async function checkSpeedShare(input: WorkoutRecordedDetail, deps: SpeedCheckDeps): Promise<SpeedCheckOutcome> {
  if (input.backfill) return { status: 'skipped', reason: 'backfill' };
  const runner = await deps.runners.getRunner(input.runnerId);
  if (!runner) return { status: 'skipped', reason: 'no-runner' };
  const workout = await deps.workouts.getWorkout(input.runnerId, input.sourceId);
  if (!workout || !isRun(workout)) return { status: 'skipped', reason: 'not-a-run' };
  const zone = runner.settings.timeZone;
  const today = localDateOf(deps.clock.now(), zone);
  const settings = deps.settings ?? DEFAULT_RULE_SETTINGS;
  const weeks = await loadTrainingWeeks(runner, today, deps, settings);
  const runDate = localDateOf(new Date(workout.startUtc), zone);
  if (runDate < weeks.current.start || runDate > weeks.current.end) return { status: 'skipped', reason: 'not-this-week' };

  const finding = speedShareExceeded(weeks.current, weeks.load, settings);
  if (finding?.rule !== 'speed-share') return { status: 'skipped', reason: 'within-limit' };
  const phone = smsTo(runner);
  if (!phone) return { status: 'skipped', reason: 'no-sms' };
  const message: OutgoingMessage = {
    runnerId: runner.runnerId,
    channel: 'sms',
    to: phone,
    kind: 'speed-warning',
    text: renderSpeedWarning({
      firstName: runner.firstName,
      share: finding.share,
      limit: finding.limit,
      units: unitsOf(runner),
      speedDistanceM: finding.speedDistanceM,
      baseDistanceM: finding.baseDistanceM,
    }),
  };
  return sendOnce(message, runner, `speed-warning#${weeks.current.week}`, deps);
}
