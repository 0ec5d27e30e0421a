import type { StravaAthleteDetail } from '../ports/events.js';
import type { Clock, DueQueue, RunnerStore, TrackerClient } from '../ports/index.js';
import { disconnectRunner, type DisconnectDeps } from './disconnect-runner.js';
import { DeauthorizationUnconfirmedError } from './errors.js';

export interface DeauthorizationDeps {
  runners: Pick<RunnerStore, 'findRunnerByAthlete' | 'deleteRunner'>;
  emailSubscriptions: DisconnectDeps['emailSubscriptions'];
  tracker: Pick<TrackerClient, 'checkAccess'>;
  due: Pick<DueQueue, 'schedule'>;
  clock: Clock;
  warn: (message: string, details: Record<string, unknown>) => void;
}

export type DeauthorizationOutcome =
  | { status: 'deleted-runner'; runnerId: string }
  | { status: 'ignored'; reason: 'unknown-athlete' }
  /** Strava still accepts the runner's token: the event was forged (or stale); nothing is deleted. */
  | { status: 'ignored'; reason: 'not-confirmed'; runnerId: string }
  /** Strava did not answer: asked again later through the due queue. */
  | { status: 'recheck-scheduled'; runnerId: string; dueAt: string };

/**
 * When Strava cannot be asked, ask again after these delays (minutes): about a day in all, well
 * inside the 48 hours Strava's agreement gives to honour a revocation.
 */
export const RECHECK_MINUTES = [5, 15, 60, 240, 720] as const;

/**
 * A `strava.athlete` deauthorization. Strava does not sign webhook events and athlete ids are public,
 * so anyone could post one: the runner is deleted (everything, as Strava's agreement requires) only
 * when Strava itself refuses the runner's credentials. Still authorized → ignored; Strava not
 * answering → asked again later (RECHECK_MINUTES), then DeauthorizationUnconfirmedError.
 */
export async function confirmDeauthorization(
  detail: StravaAthleteDetail,
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
  if (access === 'unknown') {
    const attempt = detail.attempt ?? 0;
    const delay = RECHECK_MINUTES[attempt];
    // Out of patience: throw, so the bus's dead-letter queue holds it for an operator.
    if (delay === undefined) throw new DeauthorizationUnconfirmedError(runnerId);
    const dueAt = new Date(deps.clock.now().getTime() + delay * 60_000).toISOString();
    await deps.due.schedule({
      runnerId,
      id: 'deauth#strava',
      dueAt,
      payload: {
        type: 'event',
        attempt: attempt + 1,
        event: { detailType: 'strava.athlete', detail: { ...detail, attempt: attempt + 1 } },
      },
    });
    return { status: 'recheck-scheduled', runnerId, dueAt };
  }
  await disconnectRunner(runnerId, { runners: deps.runners, emailSubscriptions: deps.emailSubscriptions, warn: deps.warn });
  return { status: 'deleted-runner', runnerId };
}
