/**
 * Saving a runner's settings (`PUT /api/me`), from a patch already validated at the edge.
 *
 * Primary course:
 * 1. The patch is applied to the current settings (shared/domain/settings.ts).
 * 2. Before anything is saved, whatever must be set up outside our table for the new settings is
 *    set up (`prepare`): today, a changed email address is subscribed to the runner's own topic (SNS
 *    asks the runner to confirm it), or the subscription is removed when the address is cleared. A
 *    failure here ends the save with nothing changed, so the runner can simply try again.
 * 3. The settings are saved.
 * 4. A new time zone moves the runner's jobs to the new local times.
 * A new "set up before save" step (e.g. verifying a new phone number) belongs in `prepare`.
 */
import { applySettingsPatch, type SettingsPatch } from '../domain/settings.js';
import type { Runner, RunnerSettings } from '../domain/types.js';
import type { Clock, EmailSubscriptions, EmailSubscriptionStatus, RunnerStore } from '../ports/index.js';
import type { JobScheduleStore } from '../ports/index.js';
import { scheduleRunnerJobs } from './schedule-runner-jobs.js';

export interface SaveSettingsDeps {
  runners: Pick<RunnerStore, 'updateSettings'>;
  emailSubscriptions: Pick<EmailSubscriptions, 'ensure' | 'remove'>;
  schedule: Pick<JobScheduleStore, 'setNextRun'>;
  clock: Clock;
}

export type SaveSettingsResult =
  | {
      ok: true;
      runner: Runner;
      /** Set when a new email address was subscribed: whether the runner still has to confirm it. */
      emailStatus?: EmailSubscriptionStatus;
    }
  /** Nothing was saved. `errorName` is the failure's name only (an SNS message can echo the address). */
  | { ok: false; reason: 'email-subscription-failed'; errorName: string };

/** What setting up outside the table produced, for the response. */
type Prepared = { emailStatus?: EmailSubscriptionStatus };
type Preparation = { ok: true; prepared: Prepared } | Extract<SaveSettingsResult, { ok: false }>;

export async function saveSettings(runner: Runner, patch: SettingsPatch, deps: SaveSettingsDeps): Promise<SaveSettingsResult> {
  const next = applySettingsPatch(runner.settings, patch);
  const preparation = await prepare(runner, next, deps);
  if (!preparation.ok) return preparation;
  const updated = await deps.runners.updateSettings(runner.runnerId, next);
  if (updated.settings.timeZone !== runner.settings.timeZone) await scheduleRunnerJobs(updated, deps);
  return { ok: true, runner: updated, ...preparation.prepared };
}

/** Step 2: the outside set-up the new settings need, done before the save. */
async function prepare(runner: Runner, next: RunnerSettings, deps: SaveSettingsDeps): Promise<Preparation> {
  if (next.email === runner.settings.email) return { ok: true, prepared: {} };
  try {
    if (!next.email) {
      await deps.emailSubscriptions.remove(runner.runnerId);
      return { ok: true, prepared: {} };
    }
    const { status } = await deps.emailSubscriptions.ensure(runner.runnerId, next.email);
    return { ok: true, prepared: { emailStatus: status } };
  } catch (err) {
    return { ok: false, reason: 'email-subscription-failed', errorName: err instanceof Error ? err.name : 'unknown' };
  }
}
