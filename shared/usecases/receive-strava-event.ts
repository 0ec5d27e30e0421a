import type { BusEvent, Clock, EventDedupe, EventPublisher, RunnerStore } from '../ports/index.js';

/** The webhook body after validation at the edge (Strava's field names kept). */
export interface StravaWebhookEvent {
  object_type: 'activity' | 'athlete';
  object_id: number;
  aspect_type: 'create' | 'update' | 'delete';
  updates: Record<string, string>;
  owner_id: number;
  subscription_id: number;
  event_time: number;
}

export interface ReceiveDeps {
  runners: Pick<RunnerStore, 'findRunnerByAthlete'>;
  dedupe: EventDedupe;
  publisher: EventPublisher;
  clock: Clock;
  /** When set, events for any other subscription are ignored (Strava does not sign events). */
  subscriptionId?: string | undefined;
}

export type ReceiveOutcome =
  | { status: 'published'; detailType: BusEvent['detailType'] }
  | { status: 'ignored'; reason: 'foreign-subscription' | 'unknown-athlete' | 'duplicate' | 'not-relevant' };

/** Strava retries for minutes, not days; a week of memory covers every retry with room to spare. */
export const DEDUPE_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Turns one webhook delivery into at most one bus event. No Strava call happens here: the webhook
 * must answer within 2 s, and activity-sync re-fetches the data with the owner's token.
 */
export async function receiveStravaEvent(event: StravaWebhookEvent, deps: ReceiveDeps): Promise<ReceiveOutcome> {
  if (deps.subscriptionId && String(event.subscription_id) !== deps.subscriptionId) {
    return { status: 'ignored', reason: 'foreign-subscription' };
  }
  const busEvent = toBusEvent(event);
  if (!busEvent) return { status: 'ignored', reason: 'not-relevant' };

  const runner = await deps.runners.findRunnerByAthlete(event.owner_id);
  if (!runner) return { status: 'ignored', reason: 'unknown-athlete' };

  // Strava re-sends the same delivery when we were slow; one save can also yield identical events.
  const key = `strava#${event.object_type}#${event.object_id}#${event.aspect_type}#${event.event_time}#${JSON.stringify(event.updates)}`;
  if (!(await deps.dedupe.firstSeen(key, deps.clock.now(), DEDUPE_TTL_SECONDS))) {
    return { status: 'ignored', reason: 'duplicate' };
  }
  try {
    await deps.publisher.publish([busEvent]);
  } catch (err) {
    // Not handed off: forget the delivery so Strava's retry is accepted, then answer non-200.
    await deps.dedupe.forget(key);
    throw err;
  }
  return { status: 'published', detailType: busEvent.detailType };
}

function toBusEvent(event: StravaWebhookEvent): BusEvent | null {
  if (event.object_type === 'athlete') {
    // The only athlete event we act on is a revoked authorization (`updates.authorized` is a string).
    if (event.aspect_type === 'update' && event.updates['authorized'] === 'false') {
      return {
        detailType: 'strava.athlete',
        detail: { athleteId: event.owner_id, deauthorized: true, eventTime: event.event_time },
      };
    }
    return null;
  }
  return {
    detailType: 'strava.activity',
    detail: {
      athleteId: event.owner_id,
      activityId: String(event.object_id),
      aspect: event.aspect_type,
      eventTime: event.event_time,
      updates: event.updates,
      attempt: 0,
    },
  };
}
