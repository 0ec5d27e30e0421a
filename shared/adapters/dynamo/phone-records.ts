import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsentRecord } from '../../domain/phone/consent.js';
import type { PhoneVerification } from '../../domain/phone/verification.js';
import type { PhoneRecords } from '../../ports/message-log.js';
import { itemKey } from './client.js';
import { key } from './table.js';

const VERIFICATION_SK = 'PHONE#verification';
const CONSENT_SK = 'SMS#consent';
/** pk=PHONE#{sha256(number)} sk=PHONE → runnerId: the number itself is not a key in the table. */
export const phoneLinkKey = (phone: string) => `PHONE#${createHash('sha256').update(phone).digest('hex')}`;

/**
 * The runner's phone verification (pk=RUNNER#id sk=PHONE#verification: the hashed code, tries, send
 * times) and SMS consent record (sk=SMS#consent). One item each, under the runner, deleted with it.
 */
export class DynamoPhoneRecords implements PhoneRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async get<T>(runnerId: string, sk: string): Promise<T | null> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(key.runner(runnerId), sk), ConsistentRead: true }),
    );
    return (out.Item?.value as T | undefined) ?? null;
  }

  private async put(runnerId: string, sk: string, type: string, value: object): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...itemKey(key.runner(runnerId), sk), type, value } }),
    );
  }

  getVerification(runnerId: string): Promise<PhoneVerification | null> {
    return this.get<PhoneVerification>(runnerId, VERIFICATION_SK);
  }
  putVerification(runnerId: string, state: PhoneVerification): Promise<void> {
    return this.put(runnerId, VERIFICATION_SK, 'phone-verification', state);
  }
  getConsent(runnerId: string): Promise<ConsentRecord | null> {
    return this.get<ConsentRecord>(runnerId, CONSENT_SK);
  }
  putConsent(runnerId: string, record: ConsentRecord): Promise<void> {
    return this.put(runnerId, CONSENT_SK, 'sms-consent', record);
  }
  async linkPhone(runnerId: string, phone: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemKey(phoneLinkKey(phone), 'PHONE'), type: 'phone-link', runnerId },
      }),
    );
  }
  async findRunnerIdByPhone(phone: string): Promise<string | null> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: itemKey(phoneLinkKey(phone), 'PHONE'), ConsistentRead: true }),
    );
    return typeof out.Item?.runnerId === 'string' ? out.Item.runnerId : null;
  }
}
