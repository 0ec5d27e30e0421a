import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ledger } from '../../ports/index.js';
import { claimOnce } from './claim.js';
import { itemKey } from './client.js';
import { key } from './table.js';

const ledgerSk = (ledgerKey: string) => `LEDGER#${ledgerKey}`;

/**
 * "At most once" claims under pk=RUNNER#id sk=LEDGER#{key}. A claim is one conditional put; an item
 * whose `ttl` has passed counts as absent (dynalite never expires items, and AWS deletes them only
 * eventually), so the condition lets an expired claim be taken again.
 */
export class DynamoLedger implements Ledger {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async claim(runnerId: string, ledgerKey: string, now: Date, ttlDays: number): Promise<boolean> {
    const attributes = { type: 'ledger', claimedAt: now.toISOString() };
    return claimOnce(this.client, this.tableName, key.runner(runnerId), ledgerSk(ledgerKey), attributes, now, ttlDays * 86_400);
  }

  async release(runnerId: string, ledgerKey: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), ledgerSk(ledgerKey)) }),
    );
  }
}
