import type { StravaAthleteDetail } from '../ports/events.js';
import type { RunnerStore, TrackerClient } from '../ports/index.js';
import { disconnectRunner, type DisconnectDeps } from './disconnect-runner.js';

export interface DeauthorizationDeps {
  runners: Pick<RunnerStore, 'findRunnerByAthlete' | 'deleteRunner'>;
  emailSubscriptions: DisconnectDeps['emailSubscriptions'];
  tracker: Pick<TrackerClient, 'checkAccess'>;
  warn: (message: string, details: Record<string, unknown>) => void;
}

export type DeauthorizationOutcome =
  | { status: 'deleted-runner'; runnerId: string }
  | { status: 'ignored'; reason: 'unknown-athlete' }
  /** Strava still accepts the runner's token: the event was forged (or stale); nothing is deleted. */
  | { status: 'ignored'; reason: 'not-confirmed'; runnerId: string };

/** Strava could not say whether access was revoked; thrown so that the bus delivers the event again. */
export class DeauthorizationUnconfirmedError extends Error {
  override readonly name = 'DeauthorizationUnconfirmedError';
  constructor(readonly runnerId: string) {
    super(`could not confirm the deauthorization of runner ${runnerId} with Strava; try again later`);
  }
}

/**
 * A `strava.athlete` deauthorization. Strava does not sign webhook events and athlete ids are public,
 * so anyone could post one: the runner is deleted (everything, as Strava's agreement requires) only
 * when Strava itself refuses the runner's credentials. Still authorized → ignored; Strava not
 * answering → DeauthorizationUnconfirmedError, and the bus retries.
 */
export async function confirmDeauthorization(
  detail: Pick<StravaAthleteDetail, 'athleteId'>,
  deps: DeauthorizationDeps,
): Promise<DeauthorizationOutcome> {
  const runner = await deps.runners.findRunnerByAthlete(detail.athleteId);
  if (!runner) return { status: 'ignored', reason: 'unknown-athlete' };
  const { runnerId } = runner;
  const access = await deps.tracker.checkAccess(runnerId);
  if (access === 'authorized') {
    deps.warn('deauthorization not confirmed by Strava', { runnerId });
    return { status: 'ignored', reason: 'not-confirmed', runnerId };
  }
  if (access === 'unknown') throw new DeauthorizationUnconfirmedError(runnerId);
  await disconnectRunner(runnerId, { runners: deps.runners, emailSubscriptions: deps.emailSubscriptions, warn: deps.warn });
  return { status: 'deleted-runner', runnerId };
}
