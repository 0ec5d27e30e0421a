import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingMessage } from '../../domain/types.js';
import type { Notifier } from '../../ports/index.js';

/**
 * Texts through SNS direct publish to a phone number. Transactional: these are reminders a runner
 * asked for, and SNS routes transactional texts for reliability rather than cost.
 */
export class SnsNotifier implements Notifier {
  private readonly client: SNSClient;

  constructor(client: SNSClient) {
    this.client = client;
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    if (message.channel !== 'sms') {
      throw new Error(`SnsNotifier: channel "${message.channel}" is not supported by this adapter yet`);
    }
    const { MessageId } = await this.client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
    if (!MessageId) throw new Error('SNS Publish returned no MessageId');
    return { messageId: MessageId };
  }
}
