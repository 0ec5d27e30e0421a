import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { ensureTable } from '../../shared/adapters/dynamo/create-table.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

export interface RunningDynalite {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The storage tests' DynamoDB: an in-memory dynalite on a free loopback port (tables are ACTIVE at
 * once), or AWS's DynamoDB Local when TEST_DYNAMODB=dynamodb-local (test/support/dynamodb-local.ts).
 */
export async function startDynalite(): Promise<RunningDynalite> {
  if (process.env['TEST_DYNAMODB'] === 'dynamodb-local') return startDynamoDbLocal();
  const dynalite = (await import('dynalite')).default;
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export interface TestTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Every raw item in the table (the tests' view "behind" the adapters). */
  scanAll(): Promise<Record<string, unknown>[]>;
}

/** A fresh, uniquely named table per test file (or per test), created like the local runtime does. */
export async function createTestTable(endpoint: string): Promise<TestTable> {
  const client = createDocumentClient({ endpoint, region: 'us-east-1' });
  const tableName = `runnudge-test-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    client,
    tableName,
    async scanAll() {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
  };
}
