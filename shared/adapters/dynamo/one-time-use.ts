import { createHash } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OneTimeUse } from '../../ports/index.js';
import { epochSeconds, isConditionalCheckFailed, itemKey, TTL_NAME } from './client.js';

/**
 * pk=ONCE#{sha256(key)} sk=ONCE (ttl): one conditional put per use. The key is hashed so nothing
 * a browser sent is stored as is. An expired mark may be overwritten (dynalite never expires items,
 * DynamoDB only eventually), though a signed state has expired by then anyway.
 */
export class DynamoOneTimeUse implements OneTimeUse {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async use(key: string, now: Date, ttlSeconds: number): Promise<boolean> {
    const hashed = createHash('sha256').update(key).digest('base64url');
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKey(`ONCE#${hashed}`, 'ONCE'), type: 'one-time-use', ttl: epochSeconds(now) + ttlSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
          ExpressionAttributeNames: TTL_NAME,
          ExpressionAttributeValues: { ':now': epochSeconds(now) },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}
