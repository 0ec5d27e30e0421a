import { GetCommand, PutCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { OutgoingMessage } from '../../../shared/domain/types.js';
import { KEY_NAMES, isConditionalCheckFailed, itemKey, stripStorage } from '../../../shared/adapters/dynamo/client.js';
import { key } from '../../../shared/adapters/dynamo/table.js';

/** One message "sent" by the local runtime, as `GET /dev/outbox` lists it. */
export type OutboxEntry = OutgoingMessage & {
  id: string;
  /** ISO instant it was stored. */
  at: string;
};

export interface OutboxStore {
  add(entry: OutboxEntry): Promise<void>;
  /**
   * Adds the entry once per `idempotencyKey`: a repeat returns the first entry's id and adds nothing.
   * Like a provider's idempotency key; crash-safe (see DynamoOutboxStore).
   */
  addOnce?(entry: OutboxEntry, idempotencyKey: string): Promise<string>;
  /** Every entry, oldest first. */
  list(): Promise<OutboxEntry[]>;
}

let counter = 0;
const OUTBOX_KEYS_PK = 'OUTBOX-KEYS';

/**
 * Orders entries that share `at`: the local runtime can freeze its clock, and then every message of
 * a run carries the same instant. Real time plus a per-process counter keeps insertion order.
 */
function insertionStamp(): string {
  counter = (counter + 1) % 1_000_000;
  return `${String(Date.now()).padStart(15, '0')}.${String(counter).padStart(6, '0')}`;
}

/**
 * Local runtime only: the outbox lives in the same table (pk=OUTBOX sk={at}#{insertion stamp}#{id}) so it survives a
 * restart with an on-disk dynalite and every handler process sees the same list.
 */
export class DynamoOutboxStore implements OutboxStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async add(entry: OutboxEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemKey(key.outbox, `${entry.at}#${insertionStamp()}#${entry.id}`), type: 'outbox', ...entry },
      }),
    );
  }

  /**
   * Two writes in a crash-safe order: first a marker (pk=OUTBOX-KEYS sk={key}) holding the entry and
   * its sort key as `entrySk` (a conditional put: the first one wins), then the entry at that sort key. A repeat
   * finds the marker and puts the same entry at the same key again (harmless, and it finishes what
   * a crash between the two writes left half done).
   */
  async addOnce(entry: OutboxEntry, idempotencyKey: string): Promise<string> {
    const marker = itemKey(OUTBOX_KEYS_PK, idempotencyKey);
    let stored = { entrySk: `${entry.at}#${insertionStamp()}#${entry.id}`, entry };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...marker, type: 'outbox-key', ...stored },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
      const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: marker, ConsistentRead: true }));
      stored = out.Item as typeof stored;
    }
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemKey(key.outbox, stored.entrySk), type: 'outbox', ...stored.entry },
      }),
    );
    return stored.entry.id;
  }

  async list(): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    // The SDK's paginator follows LastEvaluatedKey until the partition (or range) is read.
    for await (const page of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] },
        ExpressionAttributeValues: { ':pk': key.outbox },
        ConsistentRead: true,
      },
    )) {
      for (const item of page.Items ?? []) entries.push(stripStorage(item) as unknown as OutboxEntry);
    }
    return entries;
  }
}
