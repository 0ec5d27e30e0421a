import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MessageLog, MessageLogEntry } from '../../ports/message-log.js';
import { epochSeconds } from './client.js';
import { key, TABLE } from './table.js';

/** How long an outcome stays visible; DynamoDB's TTL removes it after, so the log stays bounded. */
export const MESSAGE_LOG_DAYS = 30;
/** The most `recent` ever returns (the settings page shows a short list). */
export const MESSAGE_LOG_MAX = 50;
const SK_PREFIX = 'MSG#';

/**
 * The message log: pk=RUNNER#{runnerId} sk=MSG#{at}#{id} (ttl 30 days), so it goes with the runner
 * on delete and reads newest first with one Query. Expired items are skipped (dynalite never expires).
 */
export class DynamoMessageLog implements MessageLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(runnerId: string, entry: MessageLogEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          [TABLE.partitionKey]: key.runner(runnerId),
          [TABLE.sortKey]: `${SK_PREFIX}${entry.at}#${randomUUID()}`,
          type: 'message-log',
          ...entry,
          [TABLE.ttlAttribute]: epochSeconds(new Date(entry.at)) + MESSAGE_LOG_DAYS * 86_400,
        },
      }),
    );
  }

  async recent(runnerId: string, now: Date, limit = MESSAGE_LOG_MAX): Promise<MessageLogEntry[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#sk': TABLE.sortKey },
        ExpressionAttributeValues: { ':pk': key.runner(runnerId), ':prefix': SK_PREFIX },
        ScanIndexForward: false,
        Limit: Math.min(limit, MESSAGE_LOG_MAX),
        ConsistentRead: true,
      }),
    );
    const nowSeconds = epochSeconds(now);
    return (page.Items ?? [])
      .filter((item) => Number(item[TABLE.ttlAttribute]) > nowSeconds)
      .map((item) => ({
        kind: String(item.kind),
        channel: item.channel as MessageLogEntry['channel'],
        status: item.status as MessageLogEntry['status'],
        ...(item.reason ? { reason: item.reason as MessageLogEntry['reason'] } : {}),
        at: String(item.at),
      }));
  }
}
