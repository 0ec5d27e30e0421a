import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Workout } from '../../domain/types.js';
import type { WorkoutStore } from '../../ports/index.js';
import { KEY_NAMES, isConditionalCheckFailed, itemKey, stripStorage } from './client.js';
import { key } from './table.js';
import { StoreConflictError } from '../errors.js';

const workoutSk = (localDate: string, sourceId: string) => `WORKOUT#${localDate}#${sourceId}`;
const pointerSk = (sourceId: string) => `ACTIVITY#strava#${sourceId}`;
/** Concurrent writers of one activity each retry their pointer swap at most this often. */
const MAX_POINTER_ATTEMPTS = 5;

/**
 * Workouts sorted by local date (sk=WORKOUT#{localDate}#{sourceId}) for range reads, plus a pointer
 * per activity (sk=ACTIVITY#strava#{sourceId} → localDate) so update/delete by activity id need no
 * scan. Without transactions the write order keeps every crash recoverable by a retry: new workout
 * item first, then the pointer (swapped conditionally), then the old item when the date moved.
 */
export class DynamoWorkoutStore implements WorkoutStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async putWorkout(workout: Workout): Promise<void> {
    const pk = key.runner(workout.runnerId);
    for (let attempt = 1; attempt <= MAX_POINTER_ATTEMPTS; attempt++) {
      const previousDate = await this.pointerDate(workout.runnerId, workout.sourceId);
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKey(pk, workoutSk(workout.localDate, workout.sourceId)), type: 'workout', ...workout },
        }),
      );
      // The pointer moves only from the date we read: a concurrent writer that moved it meanwhile
      // makes us start over, so at most one workout item per activity survives.
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...itemKey(pk, pointerSk(workout.sourceId)), type: 'activity', localDate: workout.localDate },
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
    const localDate = await this.pointerDate(runnerId, sourceId);
    if (localDate === null) return null;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), workoutSk(localDate, sourceId)),
        ConsistentRead: true,
      }),
    );
    return Item ? (stripStorage(Item) as unknown as Workout) : null;
  }

  async deleteWorkout(runnerId: string, sourceId: string): Promise<boolean> {
    const localDate = await this.pointerDate(runnerId, sourceId);
    if (localDate === null) return false;
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
      for (const item of page.Items ?? []) workouts.push(stripStorage(item) as unknown as Workout);
    }
    // The key orders by date, then activity id; within a day the start time is what "oldest" means.
    return workouts.sort((a, b) => a.localDate.localeCompare(b.localDate) || a.startUtc.localeCompare(b.startUtc));
  }

  private async pointerDate(runnerId: string, sourceId: string): Promise<string | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), pointerSk(sourceId)),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.localDate === 'string' ? Item.localDate : null;
  }
}
