import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Workout } from '../../domain/types.js';
import type { Clock, WorkoutStore } from '../../ports/index.js';
import { KEY_NAMES, epochSeconds, isConditionalCheckFailed, itemKey, stripStorage, type Item } from './client.js';
import { TABLE, key } from './table.js';
import { StoreConflictError } from '../errors.js';

const workoutSk = (localDate: string, sourceId: string) => `WORKOUT#${localDate}#${sourceId}`;
const pointerSk = (sourceId: string) => `ACTIVITY#strava#${sourceId}`;
/** Concurrent writers of one activity each retry their pointer swap at most this often. */
const MAX_POINTER_ATTEMPTS = 5;

/** How long raw tracker data lives (config TRACKER_DATA_DAYS) and the clock that decides "now". */
export interface TrackerRetention {
  days: number;
  clock: Clock;
}

/** Without a setting (tests of other things): the default of shared/config.ts. */
const DEFAULT_RETENTION_DAYS = 7;
const systemClock: Clock = { now: () => new Date() };

/**
 * Workouts sorted by local date (sk=WORKOUT#{localDate}#{sourceId}) for range reads, plus a pointer
 * per activity (sk=ACTIVITY#strava#{sourceId} → localDate) so update/delete by activity id need no
 * scan. Without transactions the write order keeps every crash recoverable by a retry: new workout
 * item first, then the pointer (swapped conditionally), then the old item when the date moved.
 *
 * This is tracker data (issue 8): each item carries `ttl` = fetch time + the retention, which the
 * table's TTL deletes on AWS and every read here enforces (dynalite never expires, AWS only
 * eventually). The activity's name is not stored (no text quotes it); what outlives the retention
 * is the weekly figures (week-figures-store.ts).
 */
export class DynamoWorkoutStore implements WorkoutStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly retention: TrackerRetention;

  constructor(client: DynamoDBDocumentClient, tableName: string, retention?: Partial<TrackerRetention>) {
    this.client = client;
    this.tableName = tableName;
    this.retention = { days: retention?.days ?? DEFAULT_RETENTION_DAYS, clock: retention?.clock ?? systemClock };
  }

  /** The expiry of an item written now. */
  private expiry(): number {
    return epochSeconds(this.retention.clock.now()) + Math.round(this.retention.days * 86_400);
  }

  /** True when the item's retention has passed (an item without ttl predates it: expired too). */
  private expired(item: Item): boolean {
    const ttl = item[TABLE.ttlAttribute];
    return typeof ttl !== 'number' || ttl <= epochSeconds(this.retention.clock.now());
  }

  async putWorkout(workout: Workout): Promise<void> {
    const pk = key.runner(workout.runnerId);
    const { name: _notKept, ...kept } = workout;
    const ttl = this.expiry();
    for (let attempt = 1; attempt <= MAX_POINTER_ATTEMPTS; attempt++) {
      const previousDate = (await this.pointer(workout.runnerId, workout.sourceId))?.localDate ?? null;
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKey(pk, workoutSk(workout.localDate, workout.sourceId)),
            type: 'workout',
            ...kept,
            [TABLE.ttlAttribute]: ttl,
          },
        }),
      );
      // The pointer moves only from the date we read: a concurrent writer that moved it meanwhile
      // makes us start over, so at most one workout item per activity survives.
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...itemKey(pk, pointerSk(workout.sourceId)),
              type: 'activity',
              localDate: workout.localDate,
              [TABLE.ttlAttribute]: ttl,
            },
            ...(previousDate === null
              ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': KEY_NAMES['#pk'] } }
              : { ConditionExpression: 'localDate = :previous', ExpressionAttributeValues: { ':previous': previousDate } }),
          }),
        );
      } catch (err) {
        if (isConditionalCheckFailed(err)) continue;
        throw err;
      }
      if (previousDate !== null && previousDate !== workout.localDate) {
        await this.client.send(
          new DeleteCommand({ TableName: this.tableName, Key: itemKey(pk, workoutSk(previousDate, workout.sourceId)) }),
        );
      }
      return;
    }
    throw new StoreConflictError(`putWorkout ${workout.sourceId}: too many concurrent writers`);
  }

  async getWorkout(runnerId: string, sourceId: string): Promise<Workout | null> {
    const pointer = await this.pointer(runnerId, sourceId);
    if (pointer === null || pointer.expired) return null;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), workoutSk(pointer.localDate, sourceId)),
        ConsistentRead: true,
      }),
    );
    return Item && !this.expired(Item) ? toWorkout(Item) : null;
  }

  async deleteWorkout(runnerId: string, sourceId: string): Promise<boolean> {
    const pointer = await this.pointer(runnerId, sourceId);
    if (pointer === null) return false;
    const { localDate } = pointer;
    const pk = key.runner(runnerId);
    // Item before pointer: if we crash in between, a retry still finds the pointer and finishes.
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: itemKey(pk, workoutSk(localDate, sourceId)) }));
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: itemKey(pk, pointerSk(sourceId)) }));
    return true;
  }

  async listWorkouts(runnerId: string, fromDate: string, toDate: string): Promise<Workout[]> {
    const workouts: Workout[] = [];
    // The SDK's paginator follows LastEvaluatedKey until the partition (or range) is read.
    for await (const page of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        // '~' sorts after '#', so "WORKOUT#{toDate}~" is above every sourceId on toDate.
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: KEY_NAMES,
        ExpressionAttributeValues: {
          ':pk': key.runner(runnerId),
          ':from': `WORKOUT#${fromDate}`,
          ':to': `WORKOUT#${toDate}~`,
        },
      },
    )) {
      for (const item of page.Items ?? []) if (!this.expired(item)) workouts.push(toWorkout(item));
    }
    // The key orders by date, then activity id; within a day the start time is what "oldest" means.
    return workouts.sort((a, b) => a.localDate.localeCompare(b.localDate) || a.startUtc.localeCompare(b.startUtc));
  }

  /** The activity's pointer, expired or not (a write must still swap an expired one). */
  private async pointer(runnerId: string, sourceId: string): Promise<{ localDate: string; expired: boolean } | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), pointerSk(sourceId)),
        ConsistentRead: true,
      }),
    );
    if (typeof Item?.localDate !== 'string') return null;
    return { localDate: Item.localDate, expired: this.expired(Item) };
  }
}

/** The stored item as a Workout; the name was never stored (see the class comment). */
function toWorkout(item: Item): Workout {
  return { ...(stripStorage(item) as unknown as Omit<Workout, 'name'>), name: '' };
}
