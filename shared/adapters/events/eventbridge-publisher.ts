import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type BusEvent } from '../../ports/events.js';
import type { EventPublisher } from '../../ports/index.js';
import { AdapterConfigError, ProviderResponseError } from '../errors.js';

/** PutEvents accepts at most 10 entries per call. */
const MAX_ENTRIES = 10;

/**
 * Publishes to the app's bus. A partial failure throws after naming the error codes: the caller
 * retries the whole batch, so consumers may see an event twice — they must be idempotent anyway,
 * since EventBridge delivers at least once.
 */
export class EventBridgePublisher implements EventPublisher {
  private readonly client: EventBridgeClient;
  private readonly eventBusName: string;

  constructor(client: EventBridgeClient, eventBusName: string) {
    if (!eventBusName) throw new AdapterConfigError('EventBridgePublisher needs a bus name (EVENT_BUS_NAME)');
    this.client = client;
    this.eventBusName = eventBusName;
  }

  async publish(events: BusEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_ENTRIES) {
      const chunk = events.slice(i, i + MAX_ENTRIES);
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: chunk.map((event) => ({
            Source: EVENT_SOURCE,
            DetailType: event.detailType,
            Detail: JSON.stringify(event.detail),
            EventBusName: this.eventBusName,
          })),
        }),
      );
      const failed = result.FailedEntryCount ?? 0;
      if (failed > 0) {
        const codes = [...new Set((result.Entries ?? []).flatMap((e) => (e.ErrorCode ? [e.ErrorCode] : [])))];
        throw new ProviderResponseError(
          `EventBridge rejected ${failed} of ${chunk.length} events (${codes.join(', ') || 'no error code'})`,
        );
      }
    }
  }
}
