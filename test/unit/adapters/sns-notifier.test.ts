import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../../../shared/adapters/notify/sns-notifier.js';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

describe('SnsNotifier', () => {
  const notifier = new SnsNotifier(new SNSClient({ region: 'us-east-1' }));

  it('publishes a transactional SMS with exactly these parameters', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    const result = await notifier.send({
      runnerId: 'r-1',
      channel: 'sms',
      to: '+14155550123',
      kind: 'post-run-stretch',
      text: 'Nice run! Hamstrings: 5 x 60 s.',
    });
    expect(result).toEqual({ messageId: 'msg-1' });
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      PhoneNumber: '+14155550123',
      Message: 'Nice run! Hamstrings: 5 x 60 s.',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      },
    });
  });

  it('refuses email clearly, without calling SNS', async () => {
    await expect(
      notifier.send({ runnerId: 'r-1', channel: 'email', to: 'a@example.com', kind: 'weekly-digest', subject: 'S', text: 't' }),
    ).rejects.toThrow(/not supported by this adapter yet/);
    expect(sns.calls()).toHaveLength(0);
  });

  it('surfaces a refusal so the caller may retry', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(
      notifier.send({ runnerId: 'r-1', channel: 'sms', to: '+14155550123', kind: 'core-nudge', text: 't' }),
    ).rejects.toThrow('Rate exceeded');
  });
});
