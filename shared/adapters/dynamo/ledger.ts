import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Ledger, LedgerClaim, LedgerClaimOptions } from '../../ports/index.js';
import { TTL_NAME, epochSeconds, isConditionalCheckFailed, itemKey } from './client.js';
import { TABLE, key } from './table.js';

const ledgerSk = (ledgerKey: string) => `LEDGER#${ledgerKey}`;

/**
 * The two-phase send ledger under pk=RUNNER#id sk=LEDGER#{key} (so it goes with the runner).
 * An entry is `claimed` (with `leaseUntil`, unix seconds), `sent` (with `messageId`) or `held` (the
 * text waits in the due queue). Each step is one conditional write:
 * - claim: absent, or its ttl passed (dynalite never expires items, AWS only eventually), or a claim
 *   whose lease passed with no message id (its worker crashed before sending) — or, for the due job,
 *   `held`. An entry without a state is from the one-phase ledger and counts as sent.
 * - recordSent / recordHeld: only while the entry exists (a deleted runner's ledger is not re-created).
 */
export class DynamoLedger implements Ledger {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async claim(runnerId: string, ledgerKey: string, now: Date, options: LedgerClaimOptions): Promise<LedgerClaim> {
    const nowSeconds = epochSeconds(now);
    const takeable = [
      'attribute_not_exists(#pk)',
      '#ttl < :now',
      '(#state = :claimed AND #lease < :now AND attribute_not_exists(#messageId))',
      // A held entry; one without a state is a one-phase claim whose text waits in the due queue.
      ...(options.takeHeld ? ['#state = :held', 'attribute_not_exists(#state)'] : []),
    ].join(' OR ');
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), ledgerSk(ledgerKey)),
          // An update, not a put, so an entry taken from held keeps its dueAt (release puts it back);
          // a message id left from an expired entry goes, so this claim can itself be abandoned.
          UpdateExpression: `SET #type = :type, #state = :claimed, #lease = :lease, claimedAt = :at, #ttl = :ttl REMOVE #messageId, sentAt${options.takeHeld ? '' : ', dueAt'}`,
          ConditionExpression: takeable,
          ExpressionAttributeNames: {
            '#pk': TABLE.partitionKey,
            '#type': 'type',
            '#state': 'state',
            '#lease': 'leaseUntil',
            '#messageId': 'messageId',
            ...TTL_NAME,
          },
          ExpressionAttributeValues: {
            ':type': 'ledger',
            ':claimed': 'claimed',
            ':now': nowSeconds,
            ':lease': nowSeconds + options.leaseSeconds,
            ':at': now.toISOString(),
            ':ttl': nowSeconds + options.ttlDays * 86_400,
            ...(options.takeHeld ? { ':held': 'held' } : {}),
          },
        }),
      );
      return 'claimed';
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
    // Not takeable: tell a live claim from a finished one (a second read, only on this path).
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKey(key.runner(runnerId), ledgerSk(ledgerKey)),
        ConsistentRead: true,
      }),
    );
    const state = out.Item?.['state'];
    return state === 'claimed' && out.Item?.['messageId'] === undefined ? 'in-flight' : 'done';
  }

  async recordSent(runnerId: string, ledgerKey: string, messageId: string, now: Date): Promise<void> {
    await this.update(runnerId, ledgerKey, 'SET #state = :state, messageId = :id, sentAt = :at REMOVE #lease', {
      ':state': 'sent',
      ':id': messageId,
      ':at': now.toISOString(),
    });
  }

  async recordHeld(runnerId: string, ledgerKey: string, dueAt: string): Promise<void> {
    await this.update(runnerId, ledgerKey, 'SET #state = :state, dueAt = :dueAt REMOVE #lease', {
      ':state': 'held',
      ':dueAt': dueAt,
    });
  }

  async release(runnerId: string, ledgerKey: string): Promise<void> {
    const Key = itemKey(key.runner(runnerId), ledgerSk(ledgerKey));
    // An entry that was held (it has dueAt) goes back to held: its due item will be tried again.
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET #state = :held REMOVE #lease',
          ConditionExpression: 'attribute_exists(dueAt) AND attribute_not_exists(messageId)',
          ExpressionAttributeNames: { '#state': 'state', '#lease': 'leaseUntil' },
          ExpressionAttributeValues: { ':held': 'held' },
        }),
      );
      return;
    } catch (err) {
      if (!isConditionalCheckFailed(err)) throw err;
    }
    await this.client
      .send(new DeleteCommand({ TableName: this.tableName, Key, ConditionExpression: 'attribute_not_exists(messageId)' }))
      .catch((err: unknown) => {
        if (!isConditionalCheckFailed(err)) throw err;
      });
  }

  private async update(runnerId: string, ledgerKey: string, expression: string, values: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey(key.runner(runnerId), ledgerSk(ledgerKey)),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#state': 'state', '#lease': 'leaseUntil' },
          ExpressionAttributeValues: values,
        }),
      );
    } catch (err) {
      // The entry is gone: the runner was deleted meanwhile. Nothing of theirs is written back.
      if (!isConditionalCheckFailed(err)) throw err;
    }
  }
}
