import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TTL_NAME, epochSeconds, isConditionalCheckFailed, itemKey, type Item } from './client.js';
import { TABLE } from './table.js';

/**
 * "First one wins": one conditional put of (pk, sk) with a `ttl`. An item whose ttl has passed counts
 * as absent (dynalite never expires items; AWS deletes them only eventually), so it can be claimed
 * again. The ledger and the webhook dedupe both stand on this; dynalite has no transactions.
 */
export async function claimOnce(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  sk: string,
  attributes: Item,
  now: Date,
  ttlSeconds: number,
): Promise<boolean> {
  const nowSeconds = epochSeconds(now);
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...itemKey(pk, sk), ...attributes, [TABLE.ttlAttribute]: nowSeconds + Math.round(ttlSeconds) },
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
