import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
  type Subscription,
} from '@aws-sdk/client-sns';
import { SnsEmailSubscriptions, sslOnlyTopicPolicy } from '../../../shared/adapters/notify/sns-email-subscriptions.js';
import { LocalEmailSubscriptions } from '../../../infra/local/stand-ins/local-email-subscriptions.js';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const prefix = 'arn:aws:sns:eu-west-1:123456789012:runnudge-runner-';
const runnerId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const topicArn = `${prefix}${runnerId}`;
const subscriptions = () => new SnsEmailSubscriptions(new SNSClient({ region: 'eu-west-1' }), { topicArnPrefix: prefix });

/** Every command sent, in order, as [name, input]. */
const sent = () => sns.calls().map((c) => [(c.args[0] as object).constructor.name, (c.args[0] as { input: unknown }).input]);

const topicSetup = (arn = topicArn) => [
  ['CreateTopicCommand', { Name: `runnudge-runner-${runnerId}` }],
  ['SetTopicAttributesCommand', { TopicArn: arn, AttributeName: 'Policy', AttributeValue: sslOnlyTopicPolicy(arn) }],
  ['SetTopicAttributesCommand', { TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'runnudge' }],
];
const list = ['ListSubscriptionsByTopicCommand', { TopicArn: topicArn }];
const subscribe = (email: string) => [
  'SubscribeCommand',
  { TopicArn: topicArn, Protocol: 'email', Endpoint: email, ReturnSubscriptionArn: true },
];
const sub = (email: string, arn: string, protocol = 'email'): Subscription => ({
  SubscriptionArn: arn,
  Protocol: protocol,
  Endpoint: email,
  TopicArn: topicArn,
  Owner: '123456789012',
});

/** A fake topic: Subscribe adds a pending subscription, Unsubscribe and DeleteTopic remove them. */
function fakeTopic(initial: Subscription[] = []) {
  let subs = [...initial];
  let n = 0;
  sns.on(CreateTopicCommand).resolves({ TopicArn: topicArn });
  sns.on(SetTopicAttributesCommand).resolves({});
  sns.on(ListSubscriptionsByTopicCommand).callsFake(() => ({ Subscriptions: subs.map((s) => ({ ...s })) }));
  sns.on(SubscribeCommand).callsFake((input: { Endpoint: string }) => {
    const arn = `${topicArn}:sub-${++n}`;
    subs.push(sub(input.Endpoint, 'PendingConfirmation'));
    return { SubscriptionArn: arn };
  });
  sns.on(UnsubscribeCommand).callsFake((input: { SubscriptionArn: string }) => {
    subs = subs.filter((s) => s.SubscriptionArn !== input.SubscriptionArn);
    return {};
  });
  sns.on(DeleteTopicCommand).callsFake(() => {
    subs = [];
    return {};
  });
  return { confirmAll: () => (subs = subs.map((s, i) => ({ ...s, SubscriptionArn: `${topicArn}:confirmed-${i}` }))) };
}

describe('SnsEmailSubscriptions.ensure', () => {
  it('creates the topic (SSL-only policy, display name) and subscribes the address once', async () => {
    fakeTopic();
    const result = await subscriptions().ensure(runnerId, ' alice@example.com ');
    expect(result).toEqual({ topicArn, status: 'pending-confirmation' });
    expect(sent()).toEqual([...topicSetup(), list, subscribe('alice@example.com')]);
  });

  it('a second call with the same address does not subscribe again (still pending)', async () => {
    fakeTopic();
    const s = subscriptions();
    await s.ensure(runnerId, 'alice@example.com');
    sns.resetHistory();
    const again = await s.ensure(runnerId, 'Alice@Example.com');
    expect(again).toEqual({ topicArn, status: 'pending-confirmation' });
    expect(sent()).toEqual([...topicSetup(), list]);
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
  });

  it('reports "confirmed" once the runner followed the link', async () => {
    const topic = fakeTopic();
    const s = subscriptions();
    await s.ensure(runnerId, 'alice@example.com');
    topic.confirmAll();
    sns.resetHistory();
    expect(await s.ensure(runnerId, 'alice@example.com')).toEqual({ topicArn, status: 'confirmed' });
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
    expect(sns.commandCalls(UnsubscribeCommand)).toHaveLength(0);
  });

  it('a changed address unsubscribes the confirmed old one and subscribes the new one', async () => {
    fakeTopic([sub('old@example.com', `${topicArn}:old-1`), sub('+14155550123', `${topicArn}:sms-1`, 'sms')]);
    const result = await subscriptions().ensure(runnerId, 'new@example.com');
    expect(result).toEqual({ topicArn, status: 'pending-confirmation' });
    expect(sent()).toEqual([
      ...topicSetup(),
      list,
      ['UnsubscribeCommand', { SubscriptionArn: `${topicArn}:old-1` }],
      subscribe('new@example.com'),
    ]);
  });

  it('a changed address while the old one is still pending recreates the topic (a pending subscription has no ARN to unsubscribe)', async () => {
    fakeTopic([sub('typo@exmaple.com', 'PendingConfirmation')]);
    const result = await subscriptions().ensure(runnerId, 'alice@example.com');
    expect(result).toEqual({ topicArn, status: 'pending-confirmation' });
    expect(sent()).toEqual([
      ...topicSetup(),
      list,
      ['DeleteTopicCommand', { TopicArn: topicArn }],
      ...topicSetup(),
      subscribe('alice@example.com'),
    ]);
    expect(sns.commandCalls(UnsubscribeCommand)).toHaveLength(0);
  });

  it('reads every page of subscriptions', async () => {
    sns.on(CreateTopicCommand).resolves({ TopicArn: topicArn });
    sns.on(SetTopicAttributesCommand).resolves({});
    sns
      .on(ListSubscriptionsByTopicCommand, { TopicArn: topicArn, NextToken: undefined })
      .resolves({ Subscriptions: [], NextToken: 'page-2' })
      .on(ListSubscriptionsByTopicCommand, { TopicArn: topicArn, NextToken: 'page-2' })
      .resolves({ Subscriptions: [sub('alice@example.com', `${topicArn}:a`)] });
    expect(await subscriptions().ensure(runnerId, 'alice@example.com')).toEqual({ topicArn, status: 'confirmed' });
    expect(sns.commandCalls(ListSubscriptionsByTopicCommand).map((c) => c.args[0].input)).toEqual([
      { TopicArn: topicArn },
      { TopicArn: topicArn, NextToken: 'page-2' },
    ]);
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
  });

  it('refuses when SNS created a topic the configured prefix does not point to', async () => {
    sns.on(CreateTopicCommand).resolves({ TopicArn: `arn:aws:sns:us-east-1:123456789012:runnudge-runner-${runnerId}` });
    await expect(subscriptions().ensure(runnerId, 'alice@example.com')).rejects.toThrow(/EMAIL_TOPIC_PREFIX_ARN/);
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
  });

  it('without a prefix, refuses naming the variable and calls nothing', async () => {
    const s = new SnsEmailSubscriptions(new SNSClient({ region: 'eu-west-1' }), { topicArnPrefix: undefined });
    await expect(s.ensure(runnerId, 'alice@example.com')).rejects.toThrow(/EMAIL_TOPIC_PREFIX_ARN/);
    await expect(s.remove(runnerId)).rejects.toThrow(/EMAIL_TOPIC_PREFIX_ARN/);
    expect(sns.calls()).toHaveLength(0);
  });

  it('rejects something that is not an address before calling SNS', async () => {
    await expect(subscriptions().ensure(runnerId, 'not an address')).rejects.toThrow(/not an email address/);
    expect(sns.calls()).toHaveLength(0);
  });

  it('the topic policy denies publishing without TLS and grants nothing', () => {
    expect(JSON.parse(sslOnlyTopicPolicy(topicArn))).toEqual({
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
  });
});

describe('SnsEmailSubscriptions.remove', () => {
  it("deletes the runner's topic by its derived ARN", async () => {
    sns.on(DeleteTopicCommand).resolves({});
    await subscriptions().remove(runnerId);
    expect(sent()).toEqual([['DeleteTopicCommand', { TopicArn: topicArn }]]);
  });

  it('a topic that is already gone is fine', async () => {
    sns.on(DeleteTopicCommand).rejects(new NotFoundException({ message: 'Topic does not exist', $metadata: {} }));
    await expect(subscriptions().remove(runnerId)).resolves.toBeUndefined();
  });

  it('other failures surface', async () => {
    sns.on(DeleteTopicCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(subscriptions().remove(runnerId)).rejects.toThrow('Rate exceeded');
  });
});

describe('LocalEmailSubscriptions', () => {
  it('needs no confirmation and calls nothing', async () => {
    const local = new LocalEmailSubscriptions();
    expect(await local.ensure(runnerId, 'alice@example.com')).toEqual({
      topicArn: `arn:aws:sns:local:000000000000:runnudge-runner-${runnerId}`,
      status: 'confirmed',
    });
    await expect(local.remove(runnerId)).resolves.toBeUndefined();
    expect(await new LocalEmailSubscriptions(prefix).ensure(runnerId, 'a@example.com')).toEqual({
      topicArn,
      status: 'confirmed',
    });
    expect(sns.calls()).toHaveLength(0);
  });
});
