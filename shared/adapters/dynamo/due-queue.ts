import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DueItem, DuePayload, DueQueue } from '../../ports/index.js';
import { isConditionalCheckFailed, itemKey, type Item } from './client.js';
import { TABLE, key } from './table.js';
import { InvalidArgumentError } from '../errors.js';

const dueSk = (id: string) => `DUE#${id}`;
const HOUR_MS = 3_600_000;
/**
 * How far back listDue looks. The due job runs every 5 minutes, so normally only the current hour's
 * bucket holds anything; 48 h of buckets lets it catch up after an outage or a paused schedule
 * (a long weekend) without scanning. Items older than that are never picked up — by then a held
 * text is stale anyway.
 */
export const DUE_LOOKBACK_HOURS = 48;

/**
 * Held texts and deferred events under pk=RUNNER#id sk=DUE#{id} (so deleteRunner removes them),
 * indexed by a sparse GSI1: gsi1pk=DUE#{UTC hour of dueAt}, gsi1sk={dueAt}#{runnerId}#{id}.
 */
export class DynamoDueQueue implements DueQueue {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async schedule(item: DueItem): Promise<void> {
    // A plain put: scheduling the same id again replaces the item (and moves its GSI entry).
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: toItem(item) }));
  }

  async scheduleIfAbsent(item: DueItem): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(item),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }

  async scheduleNoLater(item: DueItem): Promise<void> {
    const stored = toItem(item);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: stored,
          // Normalized ISO instants compare as strings.
          ConditionExpression: 'attribute_not_exists(#pk) OR #dueAt > :dueAt',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#dueAt': 'dueAt' },
          ExpressionAttributeValues: { ':dueAt': stored['dueAt'] },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }

  async listDue(now: Date, limit: number): Promise<DueItem[]> {
    const items: DueItem[] = [];
    // '~' sorts after '#': every sort key whose dueAt equals now is still below this bound.
    const upper = `${now.toISOString()}~`;
    const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    // Oldest bucket first, so the result comes out oldest first without a merge.
    for (let h = currentHour - DUE_LOOKBACK_HOURS * HOUR_MS; h <= currentHour && items.length < limit; h += HOUR_MS) {
      let startKey: Item | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: TABLE.gsi1.name,
            KeyConditionExpression: '#gpk = :bucket AND #gsk <= :upper',
            ExpressionAttributeNames: { '#gpk': TABLE.gsi1.partitionKey, '#gsk': TABLE.gsi1.sortKey },
            ExpressionAttributeValues: { ':bucket': key.dueBucket(new Date(h).toISOString()), ':upper': upper },
            Limit: limit - items.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const raw of page.Items ?? []) items.push(toDueItem(raw));
        startKey = page.LastEvaluatedKey;
      } while (startKey && items.length < limit);
    }
    return items;
  }

  /**
   * Conditional delete: false when the item is gone (another worker took it) or was rescheduled to a
   * different time since it was listed (the new schedule wins).
   */
  async remove(item: DueItem): Promise<boolean> {
    const dueAt = normalizeInstant(item.dueAt);
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(item.runnerId), dueSk(item.id)),
          ConditionExpression: '#gsk = :gsk',
          ExpressionAttributeNames: { '#gsk': TABLE.gsi1.sortKey },
          ExpressionAttributeValues: { ':gsk': gsi1Sort(dueAt, item.runnerId, item.id) },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}

function toItem(item: DueItem): Item {
  // Normalized ISO strings compare like instants; the GSI sort key relies on that.
  const dueAt = normalizeInstant(item.dueAt);
  return {
    ...itemKey(key.runner(item.runnerId), dueSk(item.id)),
    type: 'due',
    [TABLE.gsi1.partitionKey]: key.dueBucket(dueAt),
    [TABLE.gsi1.sortKey]: gsi1Sort(dueAt, item.runnerId, item.id),
    runnerId: item.runnerId,
    id: item.id,
    dueAt,
    payload: item.payload,
  };
}

function gsi1Sort(dueAt: string, runnerId: string, id: string): string {
  return `${dueAt}#${runnerId}#${id}`;
}

function normalizeInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`Invalid dueAt: ${iso}`);
  return date.toISOString();
}

function toDueItem(item: Item): DueItem {
  return {
    runnerId: item.runnerId as string,
    id: item.id as string,
    dueAt: item.dueAt as string,
    payload: item.payload as DuePayload,
  };
}
