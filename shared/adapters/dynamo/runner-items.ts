import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { RunnerItems, StoredItem } from '../../ports/index.js';
import { KEY_NAMES, stripStorage } from './client.js';
import { TABLE, key } from './table.js';

/**
 * Every item under the runner's partition (for the export): the same Query the runner's deletion
 * pages through, so the export shows exactly what deletion removes.
 */
export class DynamoRunnerItems implements RunnerItems {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async listItems(runnerId: string): Promise<StoredItem[]> {
    const items: StoredItem[] = [];
    for await (const page of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] },
        ExpressionAttributeValues: { ':pk': key.runner(runnerId) },
        ConsistentRead: true,
      },
    )) {
      for (const item of page.Items ?? []) {
        const ttl = item[TABLE.ttlAttribute];
        items.push({
          sk: String(item[TABLE.sortKey]),
          ...(typeof ttl === 'number' ? { expiresAt: ttl } : {}),
          data: stripStorage(item),
        });
      }
    }
    return items;
  }
}
