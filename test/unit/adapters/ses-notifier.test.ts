import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingMessage } from '../../../shared/domain/types.js';
import type { Notifier } from '../../../shared/ports/index.js';
import { SesNotifier } from '../../../shared/adapters/notify/ses-notifier.js';

const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

function recordingSms() {
  const sent: OutgoingMessage[] = [];
  const notifier: Notifier = {
    send: (m) => {
      sent.push(m);
      return Promise.resolve({ messageId: 'sms-1' });
    },
  };
  return { notifier, sent };
}

const email: OutgoingMessage = {
  runnerId: 'r-1',
  channel: 'email',
  to: 'alice@example.com',
  kind: 'weekly-digest',
  subject: 'Your week: 42 km — nice',
  text: 'Week of 2 March: 42 km in 5 runs.',
  html: '<p>Week of 2 March: <b>42 km</b> in 5 runs.</p>',
};

describe('SesNotifier', () => {
  it('sends email with SESv2 SendEmail: simple content with subject, text and HTML, from the verified sender', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const sms = recordingSms();
    const notifier = new SesNotifier(new SESv2Client({ region: 'eu-west-1' }), sms.notifier, { from: 'nudge@runnudge.example' });
    expect(await notifier.send(email)).toEqual({ messageId: 'ses-1' });
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      FromEmailAddress: 'nudge@runnudge.example',
      Destination: { ToAddresses: ['alice@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Your week: 42 km — nice', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'Week of 2 March: 42 km in 5 runs.', Charset: 'UTF-8' },
            Html: { Data: '<p>Week of 2 March: <b>42 km</b> in 5 runs.</p>', Charset: 'UTF-8' },
          },
        },
      },
    });
    expect(sms.sent).toEqual([]);
  });

  it('text-only email has no Html body; a multi-line or missing subject becomes one line', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });
    const notifier = new SesNotifier(new SESv2Client({ region: 'eu-west-1' }), recordingSms().notifier, { from: 'n@x.example' });
    await notifier.send({ ...email, subject: 'Line one\nline two', html: undefined });
    await notifier.send({ ...email, subject: undefined, html: undefined });
    const inputs = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Content?.Simple);
    expect(inputs).toEqual([
      { Subject: { Data: 'Line one line two', Charset: 'UTF-8' }, Body: { Text: { Data: email.text, Charset: 'UTF-8' } } },
      { Subject: { Data: 'runnudge', Charset: 'UTF-8' }, Body: { Text: { Data: email.text, Charset: 'UTF-8' } } },
    ]);
  });

  it('delegates texts to the inner notifier without calling SES', async () => {
    const sms = recordingSms();
    const notifier = new SesNotifier(new SESv2Client({ region: 'eu-west-1' }), sms.notifier, { from: 'n@x.example' });
    const text: OutgoingMessage = { runnerId: 'r-1', channel: 'sms', to: '+14155550123', kind: 'core-nudge', text: 'Core time.' };
    expect(await notifier.send(text)).toEqual({ messageId: 'sms-1' });
    expect(sms.sent).toEqual([text]);
    expect(ses.calls()).toHaveLength(0);
  });

  it('surfaces a refusal so the caller may retry', async () => {
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }));
    const notifier = new SesNotifier(new SESv2Client({ region: 'eu-west-1' }), recordingSms().notifier, { from: 'n@x.example' });
    await expect(notifier.send(email)).rejects.toThrow('SES SendEmail failed: MessageRejected');
  });

  it('requires a sender', () => {
    expect(() => new SesNotifier(new SESv2Client({}), recordingSms().notifier, { from: '' })).toThrow(/SES_FROM/);
  });
});
