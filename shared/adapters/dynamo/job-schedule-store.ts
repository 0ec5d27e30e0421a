import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JobScheduleStore } from '../../ports/index.js';
import { itemKey } from './client.js';
import { TABLE, key } from './table.js';

const HOUR_MS = 3600_000;
const bucket = (job: string, at: Date) => `JOB#${job}#${at.toISOString().slice(0, 13)}`;

/**
 * One item per runner and job (pk=RUNNER#id sk=SCHED#{job}) whose sparse GSI1 key is the UTC hour of
 * the runner's next run: an hourly job queries one small partition per hour instead of scanning every
 * runner. Looking back a few hours catches up a missed run; a runner's item moves forward once served.
 */
export class DynamoJobScheduleStore implements JobScheduleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async setNextRun(runnerId: string, job: string, nextRun: Date): Promise<void> {
    const iso = nextRun.toISOString();
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...itemKey(key.runner(runnerId), `SCHED#${job}`),
          type: 'schedule',
          job,
          runnerId,
          nextRun: iso,
          [TABLE.gsi1.partitionKey]: bucket(job, nextRun),
          [TABLE.gsi1.sortKey]: `${iso}#${runnerId}`,
        },
      }),
    );
  }

  /**
   * The cursor is "hourIndex|lastKeyJSON": which bucket we are in (0 = oldest) and where in it.
   * Runners are returned oldest due first.
   */
  async dueRunners(job: string, now: Date, lookbackHours: number, pageSize: number, cursor?: string) {
    const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    let [hourIndex, startKey] = decode(cursor);
    const runnerIds: string[] = [];
    while (hourIndex <= lookbackHours && runnerIds.length < pageSize) {
      const at = new Date(hourStart - (lookbackHours - hourIndex) * HOUR_MS);
      const res = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.gsi1.name,
          KeyConditionExpression: '#gpk = :b AND #gsk <= :now',
          ExpressionAttributeNames: { '#gpk': TABLE.gsi1.partitionKey, '#gsk': TABLE.gsi1.sortKey },
          ExpressionAttributeValues: { ':b': bucket(job, at), ':now': `${now.toISOString()}#\uffff` },
          Limit: pageSize - runnerIds.length,
          ExclusiveStartKey: startKey,
        }),
      );
      runnerIds.push(...(res.Items ?? []).map((i) => String(i['runnerId'])));
      if (res.LastEvaluatedKey) startKey = res.LastEvaluatedKey;
      else {
        hourIndex++;
        startKey = undefined;
      }
    }
    const done = hourIndex > lookbackHours;
    return done ? { runnerIds } : { runnerIds, cursor: encode(hourIndex, startKey) };
  }
}

function encode(hourIndex: number, startKey: Record<string, unknown> | undefined): string {
  return Buffer.from(JSON.stringify([hourIndex, startKey ?? null])).toString('base64url');
}

function decode(cursor: string | undefined): [number, Record<string, unknown> | undefined] {
  if (!cursor) return [0, undefined];
  const [h, k] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, Record<string, unknown> | null];
  return [h, k ?? undefined];
}
