import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { DynamoLedger } from '../../shared/adapters/dynamo/ledger.js';
import { DynamoMessageLog } from '../../shared/adapters/dynamo/message-log.js';
import { DynamoPhoneRecords } from '../../shared/adapters/dynamo/phone-records.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import type { Clock } from '../../shared/ports/index.js';
import { OutboxNotifier } from '../../infra/local/stand-ins/outbox-notifier.js';
import { DynamoOutboxStore } from '../../infra/local/stand-ins/outbox-store.js';
import type { TestTable } from './dynalite.js';

/** The real stores the one sender works with, on a test table, texts going to the outbox. */
export function messagingStores(table: TestTable, clock: Clock) {
  const outbox = new DynamoOutboxStore(table.client, table.tableName);
  return {
    outbox,
    runners: new DynamoRunnerStore(table.client, table.tableName, clock),
    ledger: new DynamoLedger(table.client, table.tableName),
    due: new DynamoDueQueue(table.client, table.tableName),
    notifier: new OutboxNotifier(outbox, clock, () => undefined),
    log: new DynamoMessageLog(table.client, table.tableName),
    phones: new DynamoPhoneRecords(table.client, table.tableName),
    clock,
  };
}
