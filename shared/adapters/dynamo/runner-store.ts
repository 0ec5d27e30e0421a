import { randomUUID } from 'node:crypto';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { defaultSettings } from '../../domain/defaults.js';
import type { Runner, RunnerSettings } from '../../domain/types.js';
import type { Clock, NewAthlete, RunnerStore } from '../../ports/index.js';
import { KEY_NAMES, isConditionalCheckFailed, itemKey, type Item } from './client.js';
import { TABLE, key } from './table.js';
import { ItemNotFoundError, StoreConflictError } from '../errors.js';
import { phoneLinkKey } from './phone-records.js';

const PROFILE = 'PROFILE';
const ATHLETE = 'ATHLETE';
/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
const MAX_BATCH_ATTEMPTS = 8;

/**
 * Runner profile (pk=RUNNER#id sk=PROFILE) plus the athlete lookup (pk=ATHLETE#strava#id sk=ATHLETE).
 * No transactions (dynalite): the lookup is the single point of truth for "which runner is this
 * athlete", claimed with a conditional put; the profile is then upserted idempotently.
 */
export class DynamoRunnerStore implements RunnerStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: Clock;

  /** `clock` stamps createdAt. */
  constructor(client: DynamoDBDocumentClient, tableName: string, clock: Clock = { now: () => new Date() }) {
    this.client = client;
    this.tableName = tableName;
    this.clock = clock;
  }

  async getRunner(runnerId: string): Promise<Runner | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), PROFILE), ConsistentRead: true }),
    );
    return Item ? toRunner(Item) : null;
  }

  async findRunnerByAthlete(athleteId: number): Promise<Runner | null> {
    const runnerId = await this.lookupRunnerId(athleteId);
    return runnerId ? this.getRunner(runnerId) : null;
  }

  async upsertRunnerForAthlete(input: NewAthlete): Promise<Runner> {
    const runnerId = (await this.lookupRunnerId(input.athleteId)) ?? (await this.claimAthlete(input.athleteId));
    // The winner and any concurrent loser both run this update: SET refreshes name and units,
    // if_not_exists keeps settings and createdAt from the first write. It also repairs a lookup whose
    // profile write was lost (crash between the two writes).
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), PROFILE),
        UpdateExpression:
          'SET #type = :type, runnerId = :runnerId, athleteId = :athleteId, firstName = :firstName, ' +
          'measurementPreference = :mp, settings = if_not_exists(settings, :settings), ' +
          'createdAt = if_not_exists(createdAt, :now)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'runner',
          ':runnerId': runnerId,
          ':athleteId': input.athleteId,
          ':firstName': input.firstName,
          ':mp': input.measurementPreference,
          ':settings': defaultSettings(input.timeZone),
          ':now': this.clock.now().toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toRunner(Attributes ?? {});
  }

  async updateSettings(runnerId: string, settings: RunnerSettings): Promise<Runner> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), PROFILE),
          UpdateExpression: 'SET settings = :settings',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
          ExpressionAttributeValues: { ':settings': settings },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRunner(Attributes ?? {});
    } catch (err) {
      if (isConditionalCheckFailed(err)) throw new ItemNotFoundError(`Runner ${runnerId} not found`);
      throw err;
    }
  }

  async setSmsOptOut(runnerId: string, at: string | null): Promise<Runner> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), PROFILE),
          UpdateExpression: at ? 'SET smsOptedOutAt = :at' : 'REMOVE smsOptedOutAt',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
          ...(at ? { ExpressionAttributeValues: { ':at': at } } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRunner(Attributes ?? {});
    } catch (err) {
      if (isConditionalCheckFailed(err)) throw new ItemNotFoundError(`Runner ${runnerId} not found`);
      throw err;
    }
  }

  async adoptTimeZone(runnerId: string, zones: { from: string; to: string }): Promise<Runner | null> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), PROFILE),
          // Only the zone: the rest of the settings may be being saved by the runner right now.
          UpdateExpression: 'SET #settings.#tz = :to',
          ConditionExpression:
            'attribute_exists(#pk) AND #settings.#tz = :from AND ' +
            '(attribute_not_exists(#settings.#setByRunner) OR #settings.#setByRunner = :false)',
          ExpressionAttributeNames: {
            '#pk': TABLE.partitionKey,
            '#settings': 'settings',
            '#tz': 'timeZone',
            '#setByRunner': 'timeZoneSetByRunner',
          },
          ExpressionAttributeValues: { ':from': zones.from, ':to': zones.to, ':false': false },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toRunner(Attributes ?? {});
    } catch (err) {
      if (isConditionalCheckFailed(err)) return null;
      throw err;
    }
  }

  async deleteRunner(runnerId: string): Promise<void> {
    // Lookup first: once it is gone no webhook can reach this runner, and a retry after a partial
    // failure still finds the profile (deleted with the rest) to learn the athlete id.
    const runner = await this.getRunner(runnerId);
    if (runner) {
      try {
        await this.client.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: itemKey(key.athlete(runner.athleteId), ATHLETE),
            // Never delete a lookup that already points at a newer runner for the same athlete.
            ConditionExpression: 'runnerId = :runnerId',
            ExpressionAttributeValues: { ':runnerId': runnerId },
          }),
        );
      } catch (err) {
        if (!isConditionalCheckFailed(err)) throw err;
      }
      // The inbound-text lookup of the current number (phone-records.ts), if it still points here.
      if (runner.settings.phone) {
        try {
          await this.client.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: itemKey(phoneLinkKey(runner.settings.phone), 'PHONE'),
              ConditionExpression: 'runnerId = :runnerId',
              ExpressionAttributeValues: { ':runnerId': runnerId },
            }),
          );
        } catch (err) {
          if (!isConditionalCheckFailed(err)) throw err;
        }
      }
    }
    // The profile next, before the rest: work in flight checks it after its writes (sweepIfDeleted),
    // so whatever it writes after the sweep below it removes itself.
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), PROFILE) }));
    await this.sweep(runnerId);
  }

  async sweepIfDeleted(runnerId: string): Promise<boolean> {
    if (await this.getRunner(runnerId)) return false;
    await this.sweep(runnerId);
    return true;
  }

  /** Deletes every item left in the runner's partition. */
  private async sweep(runnerId: string): Promise<void> {
    // The SDK's paginator follows LastEvaluatedKey until the partition (or range) is read.
    for await (const page of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ProjectionExpression: '#pk, #sk',
        ExpressionAttributeNames: KEY_NAMES,
        ExpressionAttributeValues: { ':pk': key.runner(runnerId) },
        ConsistentRead: true,
      },
    )) {
      await this.batchDelete(page.Items ?? []);
    }
  }

  private async lookupRunnerId(athleteId: number): Promise<string | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(key.athlete(athleteId), ATHLETE), ConsistentRead: true }),
    );
    return typeof Item?.runnerId === 'string' ? Item.runnerId : null;
  }

  /** Claims the athlete for a new runner id; when another caller won the race, returns theirs. */
  private async claimAthlete(athleteId: number): Promise<string> {
    const runnerId = randomUUID();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...itemKey(key.athlete(athleteId), ATHLETE), type: 'athlete', athleteId, runnerId },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
        }),
      );
      return runnerId;
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
      const existing = await this.lookupRunnerId(athleteId);
      if (!existing) throw new StoreConflictError(`Athlete ${athleteId} lookup vanished during upsert; retry`);
      return existing;
    }
  }

  /** BatchWrite in chunks of 25, re-sending UnprocessedItems (throttling) with a short backoff. */
  private async batchDelete(keys: Item[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH_SIZE) {
      let requests = keys.slice(i, i + BATCH_SIZE).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 1; requests.length > 0; attempt++) {
        if (attempt > MAX_BATCH_ATTEMPTS) throw new StoreConflictError(`deleteRunner: ${requests.length} items left unprocessed`);
        if (attempt > 1) await sleep(25 * 2 ** attempt);
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((r) =>
          r.DeleteRequest?.Key ? [{ DeleteRequest: { Key: r.DeleteRequest.Key } }] : [],
        );
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Picks the domain fields explicitly so storage attributes never leak into the model. */
function toRunner(item: Item): Runner {
  return {
    runnerId: item.runnerId as string,
    athleteId: item.athleteId as number,
    firstName: item.firstName as string,
    measurementPreference: item.measurementPreference as Runner['measurementPreference'],
    settings: item.settings as RunnerSettings,
    createdAt: item.createdAt as string,
    ...(typeof item.smsOptedOutAt === 'string' ? { smsOptedOutAt: item.smsOptedOutAt } : {}),
  };
}
