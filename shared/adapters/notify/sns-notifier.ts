import { withoutRecipient } from './delivery-error.js';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingMessage } from '../../domain/types.js';
import type { Notifier } from '../../ports/index.js';
import { emailTopicArn } from './email-topics.js';
import { ProviderResponseError } from '../errors.js';

export interface SnsNotifierOptions {
  /**
   * `arn:<partition>:sns:<region>:<account>:runnudge-runner-` (EMAIL_TOPIC_PREFIX_ARN): email goes to
   * the runner's topic, this prefix + runner id. Without it, email is refused (texts still work).
   */
  topicArnPrefix?: string | undefined;
}

/** SNS refuses a Subject of 100 characters or more ("less than 100 characters long"). */
export const SNS_SUBJECT_MAX = 99;
const SUBJECT_FALLBACK = 'runnudge';

/** Typographic characters with a plain ASCII stand-in; anything else outside ASCII is dropped. */
const ASCII_STAND_INS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2044': '/',
  '\u00A0': ' ',
  '\u00B7': '-',
  '\u2022': '-',
  '\u00D7': 'x',
  '\u00DF': 'ss',
  '\u00C6': 'AE',
  '\u00E6': 'ae',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u00D8': 'O',
  '\u00F8': 'o',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u00D0': 'D',
  '\u00F0': 'd',
  '\u00DE': 'Th',
  '\u00FE': 'th',
};

/**
 * A Subject SNS accepts and every mail client shows the same: ASCII only (accents transliterated,
 * typographic quotes and dashes replaced, emoji and other symbols dropped), no line breaks or
 * control characters, whitespace collapsed, starting with a letter, digit or punctuation mark, and
 * at most 99 characters (cut at a word boundary with "..." when it was longer).
 */
export function sanitizeSnsSubject(subject: string | undefined): string {
  const ascii = (subject ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks left by NFKD: "é" → "e"
    .replace(/[^\x00-\x7F]/g, (ch) => ASCII_STAND_INS[ch] ?? ' ')
    .replace(/[\x00-\x1F\x7F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (ascii === '') return SUBJECT_FALLBACK;
  if (ascii.length <= SNS_SUBJECT_MAX) return ascii;
  const room = SNS_SUBJECT_MAX - 3;
  const cut = ascii.slice(0, room + 1);
  const space = cut.lastIndexOf(' ');
  const head = (space > room / 2 ? cut.slice(0, space) : ascii.slice(0, room)).trimEnd();
  return `${head}...`;
}

/**
 * Texts through SNS direct publish to a phone number. Transactional: these are reminders a runner
 * asked for, and SNS routes transactional texts for reliability rather than cost.
 *
 * Email through the runner's own topic (`runnudge-runner-<runnerId>`), to which their address is
 * subscribed (EmailSubscriptions): SNS email is plain text, so only the text part is sent and the
 * HTML part is dropped; `message.to` is not used (the topic's confirmed subscription decides where it
 * goes, and nothing is delivered until the runner has confirmed it).
 */
export class SnsNotifier implements Notifier {
  private readonly client: SNSClient;
  private readonly topicArnPrefix: string | undefined;

  constructor(client: SNSClient, options: SnsNotifierOptions = {}) {
    this.client = client;
    this.topicArnPrefix = options.topicArnPrefix;
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    const input =
      message.channel === 'email'
        ? {
            TopicArn: emailTopicArn(this.topicArnPrefix, message.runnerId),
            Subject: sanitizeSnsSubject(message.subject),
            Message: message.text,
          }
        : {
            PhoneNumber: message.to,
            Message: message.text,
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            },
          };
    const { MessageId } = await withoutRecipient(`SNS ${message.channel} publish`, () =>
      this.client.send(new PublishCommand(input)),
    );
    if (!MessageId) throw new ProviderResponseError('SNS Publish returned no MessageId');
    return { messageId: MessageId };
  }
}
