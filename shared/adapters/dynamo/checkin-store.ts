import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { CoreSession } from '../../domain/week/types.js';
import type { CheckInStore } from '../../ports/index.js';
import { isConditionalCheckFailed, itemKey } from './client.js';
import { key } from './table.js';

/**
 * Runner check-ins under the runner's partition (so deleting a runner deletes them):
 * CORE#{date}#{id}, BACKPAIN#{week}, PLANK#{date}#{kind}.
 */
export class DynamoCheckInStore implements CheckInStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async addCoreSession(session: CoreSession): Promise<boolean> {
    // A tapped link counts once per day: its id is the day, and the put is conditional.
    const id = session.explicit ? session.sourceId || randomUUID() : `checkin-${session.localDate}`;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKey(key.runner(session.runnerId), `CORE#${session.localDate}#${id}`),
            type: 'core',
            ...session,
            sourceId: id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }

  async listCoreSessions(runnerId: string, from: string, to: string): Promise<CoreSession[]> {
    const items = await this.query(runnerId, `CORE#${from}`, `CORE#${to}#\uffff`);
    return items.map((i) => ({
      runnerId,
      localDate: String(i['localDate']),
      source: i['source'] as CoreSession['source'],
      sourceId: String(i['sourceId']),
      explicit: Boolean(i['explicit']),
    }));
  }

  async recordBackPain(runnerId: string, week: string, pain: boolean, at: Date): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemKey(key.runner(runnerId), `BACKPAIN#${week}`), type: 'back-pain', week, pain, at: at.toISOString() },
      }),
    );
  }

  async listBackPain(runnerId: string, weeks: string[]): Promise<{ week: string; pain: boolean }[]> {
    const out: { week: string; pain: boolean }[] = [];
    for (const week of weeks) {
      const res = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), `BACKPAIN#${week}`) }),
      );
      if (res.Item) out.push({ week, pain: Boolean(res.Item['pain']) });
    }
    return out;
  }

  async recordPlankTest(
    runnerId: string,
    entry: { date: string; kind: 'offered' | 'completed' | 'not-completed' },
  ): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemKey(key.runner(runnerId), `PLANK#${entry.date}#${entry.kind}`), type: 'plank', ...entry },
      }),
    );
  }

  async lastPlankTest(runnerId: string): Promise<{ date: string; kind: 'offered' | 'completed' | 'not-completed' } | null> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': key.runner(runnerId), ':p': 'PLANK#' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = res.Items?.[0];
    return item ? { date: String(item['date']), kind: item['kind'] as 'offered' | 'completed' | 'not-completed' } : null;
  }

  private async query(runnerId: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    // The SDK's paginator follows LastEvaluatedKey until the partition (or range) is read.
    for await (const res of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': key.runner(runnerId), ':a': from, ':b': to },
      },
    )) {
      items.push(...(res.Items ?? []));
    }
    return items;
  }
}
