import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventDedupe } from '../../ports/index.js';
import { claimOnce } from './claim.js';
import { itemKey } from './client.js';
import { key } from './table.js';

const EVENT = 'EVENT';

/**
 * Drops repeated deliveries (Strava retries webhooks) with a conditional put under pk=EVENT#{key}.
 * A record whose `ttl` has passed counts as absent: dynalite never expires items.
 */
export class DynamoEventDedupe implements EventDedupe {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async firstSeen(eventKey: string, now: Date, ttlSeconds: number): Promise<boolean> {
    return claimOnce(
      this.client,
      this.tableName,
      key.event(eventKey),
      EVENT,
      { type: 'event', seenAt: now.toISOString() },
      now,
      ttlSeconds,
    );
  }

  async forget(eventKey: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: itemKey(key.event(eventKey), EVENT) }));
  }
}
