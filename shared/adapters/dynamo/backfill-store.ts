import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BackfillCursor, BackfillStore } from '../../ports/index.js';
import { KEY_NAMES, isConditionalCheckFailed, itemKey, stripStorage } from './client.js';
import { key } from './table.js';
import { StoreConflictError } from '../errors.js';

const BACKFILL_SK = 'BACKFILL#strava';

/**
 * The history-import cursor under pk=RUNNER#id sk=BACKFILL#strava (so deleteRunner removes it).
 * Creating it and moving it on are conditional writes: without transactions, the condition is what
 * makes a duplicate or concurrent continuation of the same page lose instead of counting twice.
 */
export class DynamoBackfillStore implements BackfillStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async getCursor(runnerId: string): Promise<BackfillCursor | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), BACKFILL_SK), ConsistentRead: true }),
    );
    return Item ? (stripStorage(Item) as unknown as BackfillCursor) : null;
  }

  async startCursor(runnerId: string, cursor: BackfillCursor): Promise<BackfillCursor> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKey(key.runner(runnerId), BACKFILL_SK), type: 'backfill', ...cursor },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] },
        }),
      );
      return cursor;
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
    const existing = await this.getCursor(runnerId);
    if (!existing) throw new StoreConflictError(`backfill cursor for runner ${runnerId} vanished while starting`);
    return existing;
  }

  async advanceCursor(
    runnerId: string,
    fromPage: number,
    next: Pick<BackfillCursor, 'nextPage' | 'imported' | 'finishedAt'>,
  ): Promise<boolean> {
    const finished = next.finishedAt !== undefined;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), BACKFILL_SK),
          UpdateExpression: `SET nextPage = :next, imported = :imported${finished ? ', finishedAt = :finishedAt' : ''}`,
          // A missing item fails the condition too: a runner deleted meanwhile gets no orphan cursor.
          ConditionExpression: 'nextPage = :from AND attribute_not_exists(finishedAt)',
          ExpressionAttributeValues: {
            ':from': fromPage,
            ':next': next.nextPage,
            ':imported': next.imported,
            ...(finished ? { ':finishedAt': next.finishedAt } : {}),
          },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}
