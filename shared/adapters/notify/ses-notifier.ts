import { withoutRecipient } from './delivery-error.js';
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingMessage } from '../../domain/types.js';
import type { Notifier } from '../../ports/index.js';
import { AdapterConfigError, ProviderResponseError } from '../errors.js';

export interface SesNotifierOptions {
  /** SES_FROM: an address (or one at a domain) the operator verified in SES, in this region. */
  from: string;
}

const SUBJECT_FALLBACK = 'runnudge';
const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });

/**
 * Optional email adapter (EMAIL=ses): SESv2 SendEmail with simple content, so the runner gets the
 * HTML part with the text part as its alternative, straight to `message.to` (no topic, no
 * subscription to confirm). Everything that is not email (texts) goes to `sms`, the SNS notifier.
 */
export class SesNotifier implements Notifier {
  private readonly client: SESv2Client;
  private readonly sms: Notifier;
  private readonly from: string;

  constructor(client: SESv2Client, sms: Notifier, options: SesNotifierOptions) {
    if (!options.from) throw new AdapterConfigError('SesNotifier: a verified sender (SES_FROM) is required');
    this.client = client;
    this.sms = sms;
    this.from = options.from;
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    if (message.channel !== 'email') return this.sms.send(message);
    const { MessageId } = await withoutRecipient('SES SendEmail', () =>
      this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              // SES encodes a UTF-8 subject for the header itself; it only needs to be one line.
              Subject: utf8(message.subject?.replace(/\s+/g, ' ').trim() || SUBJECT_FALLBACK),
              Body: {
                Text: utf8(message.text),
                ...(message.html !== undefined && { Html: utf8(message.html) }),
              },
            },
          },
        }),
      ),
    );
    if (!MessageId) throw new ProviderResponseError('SES SendEmail returned no MessageId');
    return { messageId: MessageId };
  }
}
