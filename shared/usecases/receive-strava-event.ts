import type { BusEvent, Clock, EventDedupe, EventPublisher, RunnerStore, StravaWebhookEvent } from '../ports/index.js';

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

/**
 * How long a delivery is remembered. Strava retries within minutes; an hour also caps what one
 * made-up id posted again and again can cost (one hand-off per hour), while a real second event of the
 * same kind (an activity made private and public again) is still heard after it.
 */
export const DEDUPE_TTL_SECONDS = 3600;

/**
 * What makes two deliveries "the same": the object and the aspect, not `event_time` (anyone can post
 * the same made-up activity with a new time). An update also carries its changes, so two different
 * edits both count; each is coalesced with its neighbours in activity-sync, which fetches once. The
 * adapter hashes the key: its length and content never reach the table.
 */
export function deliveryKey(event: StravaWebhookEvent): string {
  const base = objectKey(event.object_type, event.object_id, event.aspect_type);
  if (event.object_type === 'athlete' || event.aspect_type !== 'update') return base;
  const changes = Object.entries(event.updates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${base}|${event.event_time}|${JSON.stringify(changes)}`;
}

/** The delivery key of a create or delete (and of athlete events): the object and the aspect. */
export function objectKey(objectType: StravaWebhookEvent['object_type'], objectId: number | string, aspect: string): string {
  return `strava|${objectType}|${objectId}|${aspect}`;
}

/**
 * Turns one webhook delivery into at most one bus event. No Strava call happens here: the webhook
 * must answer within 2 s, and activity-sync re-fetches the data with the owner's token.
 *
 * Crash-safe hand-off: the delivery is recorded as pending, published, then marked handed off. A
 * crash between any two of these leaves a pending record, and Strava's redelivery publishes again
 * (the consumers are idempotent) instead of being answered "duplicate".
 */
export async function receiveStravaEvent(event: StravaWebhookEvent, deps: ReceiveDeps): Promise<ReceiveOutcome> {
  if (deps.subscriptionId && String(event.subscription_id) !== deps.subscriptionId) {
    return { status: 'ignored', reason: 'foreign-subscription' };
  }
  const busEvent = toBusEvent(event);
  if (!busEvent) return { status: 'ignored', reason: 'not-relevant' };

  const runner = await deps.runners.findRunnerByAthlete(event.owner_id);
  if (!runner) return { status: 'ignored', reason: 'unknown-athlete' };

  const key = deliveryKey(event);
  const seen = await deps.dedupe.record(runner.runnerId, key, deps.clock.now(), DEDUPE_TTL_SECONDS);
  if (seen === 'handed-off') return { status: 'ignored', reason: 'duplicate' };
  try {
    await deps.publisher.publish([busEvent]);
  } catch (err) {
    // Not handed off: forget the delivery so Strava's retry is accepted, then answer non-200.
    if (seen === 'new') await deps.dedupe.forget(runner.runnerId, key);
    throw err;
  }
  await deps.dedupe.markHandedOff(runner.runnerId, key);
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
