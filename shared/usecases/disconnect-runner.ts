import type { EmailSubscriptions, RunnerStore, TrackerClient } from '../ports/index.js';

export interface DisconnectDeps {
  runners: Pick<RunnerStore, 'deleteRunner'>;
  emailSubscriptions: Pick<EmailSubscriptions, 'remove'>;
  tracker?: Pick<TrackerClient, 'deauthorize'>;
  warn: (message: string, details: Record<string, unknown>) => void;
}

/**
 * Deletes everything we keep about a runner: their email topic and subscription at SNS first (a
 * failure there throws, so nothing is half-deleted and the caller can retry), then every item in the
 * table. With `tracker`, access at Strava is revoked first, best effort: a runner who asked to leave
 * leaves even when Strava is down.
 */
export async function disconnectRunner(runnerId: string, deps: DisconnectDeps): Promise<void> {
  if (deps.tracker) {
    try {
      await deps.tracker.deauthorize(runnerId);
    } catch (err) {
      deps.warn('strava deauthorize failed; deleting anyway', {
        runnerId,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  await deps.emailSubscriptions.remove(runnerId);
  await deps.runners.deleteRunner(runnerId);
}
