import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SNS_SUBJECT_MAX, SnsNotifier, sanitizeSnsSubject } from '../../../shared/adapters/notify/sns-notifier.js';

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

  it('refuses email without a topic ARN prefix, naming the variable, without calling SNS', async () => {
    await expect(
      notifier.send({ runnerId: 'r-1', channel: 'email', to: 'a@example.com', kind: 'weekly-digest', subject: 'S', text: 't' }),
    ).rejects.toThrow(/EMAIL_TOPIC_PREFIX_ARN/);
    expect(sns.calls()).toHaveLength(0);
  });

  it('surfaces a refusal so the caller may retry, naming the error but not the number', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    await expect(
      notifier.send({ runnerId: 'r-1', channel: 'sms', to: '+14155550123', kind: 'core-nudge', text: 't' }),
    ).rejects.toThrow('SNS sms publish failed: ThrottledException');
    // SNS echoes the refused number in its message; it must not reach the logs through our error.
    sns.on(PublishCommand).rejects(
      Object.assign(new Error('Invalid parameter: PhoneNumber Reason: +14155550123 is not valid'), {
        name: 'InvalidParameterException',
      }),
    );
    const err = (await notifier
      .send({ runnerId: 'r-1', channel: 'sms', to: '+14155550123', kind: 'core-nudge', text: 't' })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('InvalidParameterException');
    expect(err.message).not.toContain('4155550123');
  });
});

describe('SnsNotifier email', () => {
  const prefix = 'arn:aws:sns:eu-west-1:123456789012:runnudge-runner-';
  const notifier = new SnsNotifier(new SNSClient({ region: 'eu-west-1' }), { topicArnPrefix: prefix });
  const runnerId = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it("publishes the text part to the runner's topic with a sanitized subject", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'mail-1' });
    const result = await notifier.send({
      runnerId,
      channel: 'email',
      to: 'alice@example.com',
      kind: 'weekly-digest',
      subject: '🏃 Your week — 42 km, “nice” pace…\nsee inside',
      text: 'Week of 2 March: 42 km in 5 runs.',
      html: '<p>Week of 2 March: <b>42 km</b> in 5 runs.</p>',
    });
    expect(result).toEqual({ messageId: 'mail-1' });
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      TopicArn: `${prefix}${runnerId}`,
      Subject: 'Your week - 42 km, "nice" pace... see inside',
      Message: 'Week of 2 March: 42 km in 5 runs.',
    });
  });

  it('refuses a runner id that cannot name a topic, without calling SNS', async () => {
    await expect(
      notifier.send({ runnerId: 'r/1', channel: 'email', to: 'a@example.com', kind: 'weekly-digest', subject: 'S', text: 't' }),
    ).rejects.toThrow(/cannot name an SNS topic/);
    expect(sns.calls()).toHaveLength(0);
  });

  it('texts still go to the phone number when a prefix is configured', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sms-2' });
    await notifier.send({ runnerId, channel: 'sms', to: '+14155550123', kind: 'core-nudge', text: 'Core time.' });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      PhoneNumber: '+14155550123',
      Message: 'Core time.',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });
});

describe('sanitizeSnsSubject', () => {
  it('transliterates accents and typographic marks to ASCII and drops the rest', () => {
    expect(sanitizeSnsSubject('Señor Müller’s Straße – ½ marathon ✅')).toBe("Senor Muller's Strasse - 1/2 marathon");
  });

  it('removes line breaks and control characters and collapses whitespace', () => {
    expect(sanitizeSnsSubject('  Weekly\r\n\tdigest\u0007  ')).toBe('Weekly digest');
  });

  it('keeps a subject of 99 characters and cuts a longer one at a word with "..."', () => {
    const exact = 'a'.repeat(SNS_SUBJECT_MAX);
    expect(sanitizeSnsSubject(exact)).toBe(exact);
    const long = `${'word '.repeat(30)}end`;
    const cut = sanitizeSnsSubject(long);
    expect(cut.length).toBeLessThanOrEqual(SNS_SUBJECT_MAX);
    expect(cut).toMatch(/^(word )+word\.\.\.$/);
    const unbroken = sanitizeSnsSubject('x'.repeat(150));
    expect(unbroken).toBe(`${'x'.repeat(SNS_SUBJECT_MAX - 3)}...`);
  });

  it('falls back to "runnudge" when nothing printable is left', () => {
    expect(sanitizeSnsSubject(undefined)).toBe('runnudge');
    expect(sanitizeSnsSubject('🏃‍♀️ ✨')).toBe('runnudge');
  });

  it('always yields printable ASCII shorter than 100 characters', () => {
    for (const s of ['日本語のタイトル', 'Ünïcödé '.repeat(20), '\u0000\u001f abc', 'a\u200Bb']) {
      const out = sanitizeSnsSubject(s);
      expect(out, s).toMatch(/^[\x20-\x7E]{1,99}$/);
      expect(out.startsWith(' '), s).toBe(false);
    }
  });
});
