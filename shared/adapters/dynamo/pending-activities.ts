import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PendingActivities, PendingActivity } from '../../ports/index.js';
import { isConditionalCheckFailed, itemKey, KEY_NAMES, type Item } from './client.js';
import { key } from './table.js';

const PREFIX = 'PENDING#strava#';

/** Activity events waiting for a list of the runner's activities: pk=RUNNER#id sk=PENDING#strava#{activityId}. */
export class DynamoPendingActivities implements PendingActivities {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(runnerId: string, item: PendingActivity): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(runnerId, item),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }

  async put(runnerId: string, item: PendingActivity): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: this.item(runnerId, item) }));
  }

  async list(runnerId: string): Promise<PendingActivity[]> {
    const items: PendingActivity[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: KEY_NAMES,
          ExpressionAttributeValues: { ':pk': key.runner(runnerId), ':prefix': PREFIX },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const raw of page.Items ?? []) {
        items.push({
          activityId: raw['activityId'] as string,
          aspect: raw['aspect'] as PendingActivity['aspect'],
          eventTime: raw['eventTime'] as number,
          checks: raw['checks'] as number,
          since: raw['since'] as string,
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async remove(runnerId: string, activityId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), `${PREFIX}${activityId}`) }),
    );
  }

  private item(runnerId: string, item: PendingActivity): Item {
    return { ...itemKey(key.runner(runnerId), `${PREFIX}${item.activityId}`), type: 'pending-activity', ...item };
  }
}
