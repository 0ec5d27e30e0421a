import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TimeZone } from '../../domain/types.js';
import {
  type ActivityEvent,
  type ActivityVersion,
  type Contribution,
  supersedes,
  targetOf,
  type WeekFigures,
} from '../../domain/week/figures.js';
import type { WeekFiguresStore } from '../../ports/index.js';
import { KEY_NAMES, isConditionalCheckFailed, itemKey, type Item } from './client.js';
import { key } from './table.js';
import { StoreConflictError } from '../errors.js';

const weekSk = (weekStart: string) => `WEEK#${weekStart}`;
const indexSk = (activityId: string) => `FIGIDX#strava#${activityId}`;
/** Contributions are top-level attributes of the week item, so one can be set or removed conditionally. */
const CONTRIBUTION_PREFIX = 'c_';
const contributionName = (activityId: string) => `${CONTRIBUTION_PREFIX}${activityId}`;
/** Concurrent folds of one activity each retry their index swap at most this often. */
const MAX_ATTEMPTS = 5;

/**
 * Weekly figures: pk=RUNNER#{id} sk=WEEK#{monday} (one attribute per activity's contribution) and
 * an index per activity, sk=FIGIDX#strava#{activityId} → { v, weekStart } (no weekStart: deleted).
 *
 * The steps are the domain fold's (foldEvent) as conditional writes, ordered so a crash between any
 * two of them is finished by the redelivery: (1) the contribution goes into its week unless a version
 * at least as new is there, (2) it leaves its old week when it moved, (3) the index moves on, on
 * condition that it is still older. A writer that loses (3) to a newer one starts over, sees it is
 * stale, and takes back what it wrote in (1).
 */
export class DynamoWeekFiguresStore implements WeekFiguresStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async apply(runnerId: string, timeZone: TimeZone, event: ActivityEvent): Promise<'applied' | 'stale'> {
    const target = targetOf(event, timeZone);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.index(runnerId, event.activityId);
      if (!supersedes(target, current)) {
        // A racing writer that lost the index swap (or crashed after it) may have left this version
        // in a week the activity is no longer in.
        if (current && target.weekStart !== null && target.weekStart !== current.weekStart) {
          await this.removeIfAtMost(runnerId, target.weekStart, event.activityId, current.v);
        }
        return 'stale';
      }
      if (target.weekStart !== null && target.contribution !== null) {
        await this.putContribution(runnerId, target.weekStart, timeZone, event.activityId, target.contribution);
      }
      if (current?.weekStart && current.weekStart !== target.weekStart) {
        await this.removeIfAtMost(runnerId, current.weekStart, event.activityId, target.v);
      }
      if (await this.swapIndex(runnerId, event.activityId, target)) return 'applied';
    }
    throw new StoreConflictError(`fold ${event.activityId}: too many concurrent writers`);
  }

  async listWeeks(runnerId: string, fromWeekStart: string, toWeekStart: string): Promise<WeekFigures[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: KEY_NAMES,
          ExpressionAttributeValues: {
            ':pk': key.runner(runnerId),
            ':from': weekSk(fromWeekStart),
            ':to': weekSk(toWeekStart),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return dedupeMoved(items.map(weekOf));
  }

  async version(runnerId: string, activityId: string): Promise<ActivityVersion | null> {
    return (await this.index(runnerId, activityId)) ?? null;
  }

  private async index(runnerId: string, activityId: string): Promise<ActivityVersion | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), indexSk(activityId)),
        ConsistentRead: true,
      }),
    );
    if (!Item || typeof Item.v !== 'number') return undefined;
    return { v: Item.v, weekStart: typeof Item.weekStart === 'string' ? Item.weekStart : null };
  }

  private async putContribution(
    runnerId: string,
    weekStart: string,
    timeZone: TimeZone,
    activityId: string,
    contribution: Contribution,
  ): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), weekSk(weekStart)),
          UpdateExpression: 'SET #type = :type, #weekStart = :weekStart, #zone = :zone, #c = :c',
          ConditionExpression: 'attribute_not_exists(#c) OR #c.v < :v',
          ExpressionAttributeNames: {
            '#type': 'type',
            '#weekStart': 'weekStart',
            '#zone': 'timeZone',
            '#c': contributionName(activityId),
          },
          ExpressionAttributeValues: {
            ':type': 'week-figures',
            ':weekStart': weekStart,
            ':zone': timeZone,
            ':c': contribution,
            ':v': contribution.v,
          },
        }),
      );
    } catch (err) {
      // This version (a redelivery) or a newer one is there already.
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }

  /** Removes the activity's contribution from a week when its version is at most `v`. */
  private async removeIfAtMost(runnerId: string, weekStart: string, activityId: string, v: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), weekSk(weekStart)),
          UpdateExpression: 'REMOVE #c',
          ConditionExpression: '#c.v <= :v',
          ExpressionAttributeNames: { '#c': contributionName(activityId) },
          ExpressionAttributeValues: { ':v': v },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }

  /** The index moves to `target` only when it is still older (a delete also wins a tie). */
  private async swapIndex(
    runnerId: string,
    activityId: string,
    target: { v: number; weekStart: string | null },
  ): Promise<boolean> {
    const deleted = target.weekStart === null;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKey(key.runner(runnerId), indexSk(activityId)),
            type: 'figures-index',
            v: target.v,
            ...(deleted ? {} : { weekStart: target.weekStart }),
          },
          ConditionExpression: deleted
            ? 'attribute_not_exists(#pk) OR v < :v OR (v = :v AND attribute_exists(weekStart))'
            : 'attribute_not_exists(#pk) OR v < :v',
          ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] },
          ExpressionAttributeValues: { ':v': target.v },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }
}

function weekOf(item: Item): WeekFigures {
  const contributions: Record<string, Contribution> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(CONTRIBUTION_PREFIX)) contributions[name.slice(CONTRIBUTION_PREFIX.length)] = value as Contribution;
  }
  return { weekStart: String(item.weekStart), timeZone: String(item.timeZone), contributions };
}

/**
 * An activity found in two weeks (a writer crashed between moving it and clearing the old week):
 * the newer version counts, so a read never counts one activity twice.
 */
function dedupeMoved(weeks: WeekFigures[]): WeekFigures[] {
  const newest = new Map<string, number>();
  for (const w of weeks) {
    for (const [id, c] of Object.entries(w.contributions)) newest.set(id, Math.max(newest.get(id) ?? c.v, c.v));
  }
  return weeks.map((w) => ({
    ...w,
    contributions: Object.fromEntries(Object.entries(w.contributions).filter(([id, c]) => c.v === newest.get(id))),
  }));
}
