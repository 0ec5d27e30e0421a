import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
  type Subscription,
} from '@aws-sdk/client-sns';
import { ENV } from '../../config.js';
import type { EmailSubscriptions, EmailSubscriptionStatus } from '../../ports/index.js';
import { emailTopicArn, emailTopicName } from './email-topics.js';
import { InvalidArgumentError, ProviderResponseError } from '../errors.js';

export interface SnsEmailSubscriptionsOptions {
  /** EMAIL_TOPIC_PREFIX_ARN: `arn:<partition>:sns:<region>:<account>:runnudge-runner-`. */
  topicArnPrefix: string | undefined;
  /**
   * Replace the topic's access policy with one that denies sns:Publish over plain HTTP (the spirit
   * of cdk-nag's AwsSolutions-SNS3 for topics the stack does not own). Default true. The same
   * account's roles keep their rights through IAM; the policy grants nobody anything.
   */
  sslOnlyPolicy?: boolean;
  /** Topic DisplayName: the sender name of SNS email (instead of "AWS Notifications"). Default "runnudge". */
  displayName?: string;
}

/** ListSubscriptionsByTopic shows an unconfirmed subscription with this instead of its ARN. */
const PENDING = 'PendingConfirmation';
const isArn = (value: string | undefined): value is string => value?.startsWith('arn:') === true;
const isEmailProtocol = (s: Subscription) => s.Protocol === 'email' || s.Protocol === 'email-json';
const sameAddress = (a: string | undefined, b: string) => a?.trim().toLowerCase() === b.toLowerCase();

/** Deny every principal publishing without TLS; one statement, its Resource this topic (SNS requires that). */
export function sslOnlyTopicPolicy(topicArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'runnudge-runner-topic',
    Statement: [
      {
        Sid: 'AllowPublishThroughSSLOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

/**
 * Email subscriptions on per-runner SNS topics.
 *
 * ensure(): CreateTopic (idempotent: returns the existing topic's ARN), the topic attributes
 * (SSL-only policy, display name), then ListSubscriptionsByTopic:
 *  - the same address (compared without case) is already there → nothing more; "confirmed" when it
 *    has an ARN, "pending-confirmation" while SNS lists it as PendingConfirmation;
 *  - another address with a confirmed subscription → Unsubscribe it;
 *  - another address still pending → it has no ARN to unsubscribe (SNS lists "PendingConfirmation"),
 *    and left alone it could still be confirmed by whoever reads that inbox (a mistyped address)
 *    and then receive the runner's mail. So the topic is deleted, which drops every subscription
 *    including pending ones, and created again;
 *  - the address is not subscribed → Subscribe (protocol email, ReturnSubscriptionArn) and
 *    "pending-confirmation": SNS mails the address a confirmation link.
 * remove(): DeleteTopic (its subscriptions go with it); a topic that is already gone is fine.
 */
export class SnsEmailSubscriptions implements EmailSubscriptions {
  private readonly client: SNSClient;
  private readonly topicArnPrefix: string | undefined;
  private readonly sslOnlyPolicy: boolean;
  private readonly displayName: string;

  constructor(client: SNSClient, options: SnsEmailSubscriptionsOptions) {
    this.client = client;
    this.topicArnPrefix = options.topicArnPrefix;
    this.sslOnlyPolicy = options.sslOnlyPolicy ?? true;
    this.displayName = options.displayName ?? 'runnudge';
  }

  async ensure(runnerId: string, email: string): Promise<{ topicArn: string; status: EmailSubscriptionStatus }> {
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new InvalidArgumentError('email subscription: not an email address');
    let topicArn = await this.createTopic(runnerId);

    const subscriptions = (await this.listSubscriptions(topicArn)).filter(isEmailProtocol);
    const current = subscriptions.find((s) => s.Protocol === 'email' && sameAddress(s.Endpoint, address));
    const others = subscriptions.filter((s) => s !== current);

    if (others.some((s) => s.SubscriptionArn === PENDING)) {
      await this.client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
      topicArn = await this.createTopic(runnerId);
      await this.subscribe(topicArn, address);
      return { topicArn, status: 'pending-confirmation' };
    }
    for (const other of others) {
      // Anything else without an ARN ("Deleted") receives nothing and cannot be unsubscribed.
      if (isArn(other.SubscriptionArn)) {
        await this.client.send(new UnsubscribeCommand({ SubscriptionArn: other.SubscriptionArn }));
      }
    }

    if (current && isArn(current.SubscriptionArn)) return { topicArn, status: 'confirmed' };
    if (current?.SubscriptionArn === PENDING) return { topicArn, status: 'pending-confirmation' };
    await this.subscribe(topicArn, address);
    return { topicArn, status: 'pending-confirmation' };
  }

  async remove(runnerId: string): Promise<void> {
    try {
      await this.client.send(new DeleteTopicCommand({ TopicArn: emailTopicArn(this.topicArnPrefix, runnerId) }));
    } catch (err) {
      if (err instanceof NotFoundException || (err as { name?: unknown }).name === 'NotFoundException') return;
      throw err;
    }
  }

  private async createTopic(runnerId: string): Promise<string> {
    const expected = emailTopicArn(this.topicArnPrefix, runnerId);
    const { TopicArn } = await this.client.send(new CreateTopicCommand({ Name: emailTopicName(runnerId) }));
    if (!TopicArn) throw new ProviderResponseError('SNS CreateTopic returned no TopicArn');
    // The notifier publishes to the derived ARN: a prefix for another region or account would
    // subscribe runners to a topic nothing ever publishes to.
    if (TopicArn !== expected) {
      throw new ProviderResponseError(
        `email subscription: ${ENV.EMAIL_TOPIC_PREFIX_ARN} gives ${expected} but SNS created ${TopicArn}`,
      );
    }
    if (this.sslOnlyPolicy) {
      await this.client.send(
        new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: sslOnlyTopicPolicy(TopicArn) }),
      );
    }
    await this.client.send(
      new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: this.displayName }),
    );
    return TopicArn;
  }

  private async listSubscriptions(topicArn: string): Promise<Subscription[]> {
    const all: Subscription[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }));
      all.push(...(page.Subscriptions ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return all;
  }

  private async subscribe(topicArn: string, address: string): Promise<void> {
    await this.client.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: address, ReturnSubscriptionArn: true }),
    );
  }
}
