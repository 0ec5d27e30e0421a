import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReadBudget } from '../../ports/index.js';
import { epochSeconds, isConditionalCheckFailed, itemKey, TTL_NAME } from './client.js';
import { key } from './table.js';

/** A window's counter outlives its window by a day, then DynamoDB's TTL removes it. */
const KEEP_SECONDS = 86_400;

/**
 * Per-runner read counts under pk=RUNNER#id sk=BUDGET#strava#{window start}: one conditional
 * increment per read, so concurrent fetches never exceed the limit.
 */
export class DynamoReadBudget implements ReadBudget {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(runnerId: string, windowStart: Date, limit: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), `BUDGET#strava#${windowStart.toISOString()}`),
          UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD #used :one',
          ConditionExpression: 'attribute_not_exists(#used) OR #used < :limit',
          ExpressionAttributeNames: { '#type': 'type', '#used': 'used', ...TTL_NAME },
          ExpressionAttributeValues: {
            ':type': 'read-budget',
            ':ttl': epochSeconds(windowStart) + KEEP_SECONDS,
            ':one': 1,
            ':limit': limit,
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
