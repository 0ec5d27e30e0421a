import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryState, EventDedupe } from '../../ports/index.js';
import { claimOnce } from './claim.js';
import { isConditionalCheckFailed, itemKey, KEY_NAMES } from './client.js';
import { key } from './table.js';

/**
 * The sort key of a delivery record: a hash of the caller's key, so its length is fixed (DynamoDB
 * allows 1 KiB of sort key; a key built from a webhook's `updates` once passed it) and no activity
 * title or other content of the event is stored.
 */
export const eventSk = (eventKey: string) => `EVENT#${createHash('sha256').update(eventKey).digest('base64url')}`;

/**
 * Remembers webhook deliveries under the runner's partition (pk=RUNNER#id sk=EVENT#{hash}), so
 * deleting the runner removes them too. A record is written `pending` before the event is handed to
 * the bus and marked `handed-off` after: a crash in between leaves `pending`, and Strava's redelivery
 * then hands the event off again instead of being told "duplicate". A record whose `ttl` has passed
 * counts as absent (dynalite never expires items).
 */
export class DynamoEventDedupe implements EventDedupe {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async record(runnerId: string, eventKey: string, now: Date, ttlSeconds: number): Promise<DeliveryState> {
    const pk = key.runner(runnerId);
    const sk = eventSk(eventKey);
    const attributes = { type: 'event', state: 'pending', seenAt: now.toISOString() };
    if (await claimOnce(this.client, this.tableName, pk, sk, attributes, now, ttlSeconds)) return 'new';
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(pk, sk),
        ConsistentRead: true,
        ProjectionExpression: '#s',
        ExpressionAttributeNames: { '#s': 'state' },
      }),
    );
    // Records written before states existed were written after a successful hand-off.
    return out.Item?.['state'] === 'pending' ? 'pending' : 'handed-off';
  }

  async markHandedOff(runnerId: string, eventKey: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), eventSk(eventKey)),
          UpdateExpression: 'SET #s = :done',
          // Never recreate a record that is gone (the runner was deleted meanwhile).
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#s': 'state', '#pk': KEY_NAMES['#pk'] },
          ExpressionAttributeValues: { ':done': 'handed-off' },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }

  async forget(runnerId: string, eventKey: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), eventSk(eventKey)) }),
    );
  }
}
