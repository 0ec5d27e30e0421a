import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventDedupe } from '../../ports/index.js';
import { TTL_NAME, epochSeconds, isConditionalCheckFailed, itemKey } from './client.js';
import { TABLE, key } from './table.js';

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
    const nowSeconds = epochSeconds(now);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKey(key.event(eventKey), EVENT),
            type: 'event',
            seenAt: now.toISOString(),
            [TABLE.ttlAttribute]: nowSeconds + ttlSeconds,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR #ttl < :now',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey, ...TTL_NAME },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }

  async forget(eventKey: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: itemKey(key.event(eventKey), EVENT) }));
  }
}
