import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE } from './table.js';

export interface DocumentClientOptions {
  /** Set only for a local DynamoDB (dynalite); AWS uses the regional endpoint. */
  endpoint?: string;
  region?: string;
}

/**
 * dynalite does not check signatures, but the SDK still signs every request: with a local endpoint we
 * pass fixed dummy credentials so the local runtime and the tests never look for real ones.
 */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createDocumentClient(options: DocumentClientOptions = {}): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    // On Lambda the SDK reads AWS_REGION itself; a local endpoint needs some region to sign with.
    region: options.region ?? (local ? 'us-east-1' : undefined),
    credentials: local ? LOCAL_CREDENTIALS : undefined,
  });
  return DynamoDBDocumentClient.from(client, {
    // Optional fields (subject, html, ...) are often undefined: drop them instead of failing.
    // Class instances (Date, ...) must never be stored silently as maps: callers pass ISO strings.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** Small helpers shared by the stores in this folder. */

export type Item = Record<string, unknown>;

/** Primary key attributes of an item, named per TABLE. */
export function itemKey(pk: string, sk: string): Item {
  return { [TABLE.partitionKey]: pk, [TABLE.sortKey]: sk };
}

/** Expression names for the key and TTL attributes (`ttl` is a DynamoDB reserved word). */
export const KEY_NAMES = {
  '#pk': TABLE.partitionKey,
  '#sk': TABLE.sortKey,
} as const;

export const TTL_NAME = { '#ttl': TABLE.ttlAttribute } as const;

/** Removes the storage attributes (keys, GSI keys, type tag, ttl) so the rest is the domain object. */
export function stripStorage(item: Item): Item {
  const rest: Item = { ...item };
  for (const name of [
    TABLE.partitionKey,
    TABLE.sortKey,
    TABLE.gsi1.partitionKey,
    TABLE.gsi1.sortKey,
    TABLE.ttlAttribute,
    'type',
  ]) {
    delete rest[name];
  }
  return rest;
}

/** A failed condition expression is an expected outcome (someone else won), not an error. */
export function isConditionalCheckFailed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ConditionalCheckFailedException';
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
