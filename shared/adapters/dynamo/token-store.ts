import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TrackerTokens } from '../../domain/types.js';
import type { Cipher, Clock, StoredTokens, TokenStore } from '../../ports/index.js';
import { epochSeconds, isConditionalCheckFailed, itemKey } from './client.js';
import { TABLE, key } from './table.js';

const TOKENS = 'TOKENS#strava';
const LEASE = 'LEASE#token-refresh';

/** Decrypted tokens are checked: a wrong key or an old shape must fail loudly, not half-work. */
const tokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number().int(),
  scopes: z.array(z.string()),
});

export interface PutTokensOptions {
  /** With expectedVersion null: overwrite whatever is stored (e.g. a fresh OAuth connect). */
  force?: boolean;
}

/**
 * Tracker tokens under pk=RUNNER#id sk=TOKENS#strava, as one ciphertext (JSON encrypted with the
 * Cipher, context {runnerId} so a ciphertext copied to another runner does not decrypt), plus a
 * `version` for optimistic locking. The refresh lease is a separate item so taking it never races
 * the token write.
 */
export class DynamoTokenStore implements TokenStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly cipher: Cipher;
  private readonly clock: Clock;

  /** `clock` stamps updatedAt (diagnostics only). */
  constructor(client: DynamoDBDocumentClient, tableName: string, cipher: Cipher, clock: Clock = { now: () => new Date() }) {
    this.client = client;
    this.tableName = tableName;
    this.cipher = cipher;
    this.clock = clock;
  }

  async getTokens(runnerId: string): Promise<StoredTokens | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), TOKENS), ConsistentRead: true }),
    );
    if (!Item) return null;
    const json = await this.cipher.decrypt(Item.ciphertext as string, { runnerId });
    return { tokens: tokensSchema.parse(JSON.parse(json)), version: Item.version as number };
  }

  /**
   * One UpdateItem: SET the ciphertext and ADD 1 to `version`, guarded by the expected version
   * (or by absence when null). Returns the new version, or null when another writer got there first.
   */
  async putTokens(
    runnerId: string,
    tokens: TrackerTokens,
    expectedVersion: number | null,
    options: PutTokensOptions = {},
  ): Promise<number | null> {
    const ciphertext = await this.cipher.encrypt(JSON.stringify(tokens), { runnerId });
    // A number: only over that version. null: only when nothing is stored yet (this item is only
    // ever written here, so no version means no tokens), unless `force`.
    const ConditionExpression =
      expectedVersion !== null ? '#version = :expected' : options.force ? undefined : 'attribute_not_exists(#version)';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), TOKENS),
          UpdateExpression: 'SET #type = :type, ciphertext = :ct, updatedAt = :now ADD #version :one',
          ConditionExpression,
          ExpressionAttributeNames: { '#type': 'type', '#version': 'version' },
          ExpressionAttributeValues: {
            ':type': 'tokens',
            ':ct': ciphertext,
            ':now': this.clock.now().toISOString(),
            ':one': 1,
            ...(expectedVersion !== null ? { ':expected': expectedVersion } : {}),
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Attributes?.version as number;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return null;
      throw err;
    }
  }

  /**
   * Conditional put: succeeds when there is no lease, the lease has expired (`leaseUntil`, epoch ms,
   * is not after now — a crashed holder never blocks refreshes for long), or we already hold it.
   */
  async acquireRefreshLease(runnerId: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    const leaseUntil = now.getTime() + leaseMs;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...itemKey(key.runner(runnerId), LEASE),
            type: 'lease',
            holder,
            leaseUntil,
            // Lets AWS clean up abandoned leases; correctness relies on leaseUntil only.
            [TABLE.ttlAttribute]: epochSeconds(new Date(leaseUntil)) + 3600,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR leaseUntil <= :now OR holder = :holder',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
          ExpressionAttributeValues: { ':now': now.getTime(), ':holder': holder },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionalCheckFailed(err)) return false;
      throw err;
    }
  }

  /** Deletes the lease only if we still hold it (after expiry someone else may have taken it over). */
  async releaseRefreshLease(runnerId: string, holder: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), LEASE),
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      );
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }
}
