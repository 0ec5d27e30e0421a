/** Email configuration (EMAIL, SES_FROM, EMAIL_TOPIC_PREFIX_ARN) and the adapters composition picks from it. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config.js';
import { base as composeBase } from '../../../shared/app/capabilities/base.js';
import { emailSubscriptions } from '../../../shared/app/capabilities/email-subscriptions.js';
import { notifier } from '../../../shared/app/capabilities/notifier.js';
import { eventPublisher } from '../../../shared/app/capabilities/publisher.js';
import { provideStandIns } from '../../../shared/app/capabilities/stand-ins.js';
import { textNotifier } from '../../../shared/app/capabilities/text-notifier.js';
import { LocalEmailSubscriptions } from '../../../infra/local/stand-ins/local-email-subscriptions.js';
import { OutboxNotifier } from '../../../infra/local/stand-ins/outbox-notifier.js';
import { SesNotifier } from '../../../shared/adapters/notify/ses-notifier.js';
import { SnsEmailSubscriptions } from '../../../shared/adapters/notify/sns-email-subscriptions.js';
import { SnsNotifier } from '../../../shared/adapters/notify/sns-notifier.js';
import type { Notifier } from '../../../shared/ports/index.js';
import { MeasuredNotifier } from '../../../shared/app/telemetry/metrics.js';

const base = { TABLE_NAME: 't', BUS: 'local', CIPHER: 'aes' };
const prefix = 'arn:aws:sns:eu-west-1:123456789012:runnudge-runner-';

describe('email configuration', () => {
  it('defaults to SNS email with no sender and no prefix', () => {
    const config = parseConfig(base);
    expect(config.EMAIL).toBe('sns');
    expect(config.SES_FROM).toBeUndefined();
    expect(config.EMAIL_TOPIC_PREFIX_ARN).toBeUndefined();
  });

  it('EMAIL=ses without SES_FROM fails, naming SES_FROM', () => {
    expect(() => parseConfig({ ...base, EMAIL: 'ses' })).toThrow(/missing SES_FROM \(EMAIL=ses\)/);
    expect(() => parseConfig({ ...base, EMAIL: 'ses', SES_FROM: '  ' })).toThrow(/SES_FROM/);
  });

  it('EMAIL=ses with a verified sender parses', () => {
    const config = parseConfig({ ...base, EMAIL: 'ses', SES_FROM: ' nudge@runnudge.example ' });
    expect(config.EMAIL).toBe('ses');
    expect(config.SES_FROM).toBe('nudge@runnudge.example');
  });

  it('rejects an unknown EMAIL, a SES_FROM that is no address and a prefix that is no runner-topic ARN prefix', () => {
    expect(() => parseConfig({ ...base, EMAIL: 'smtp' })).toThrow(/EMAIL/);
    expect(() => parseConfig({ ...base, EMAIL: 'ses', SES_FROM: 'runnudge' })).toThrow(/SES_FROM/);
    expect(() => parseConfig({ ...base, EMAIL_TOPIC_PREFIX_ARN: 'arn:aws:sns:eu-west-1:123456789012:other-' })).toThrow(
      /EMAIL_TOPIC_PREFIX_ARN/,
    );
    expect(parseConfig({ ...base, EMAIL_TOPIC_PREFIX_ARN: prefix }).EMAIL_TOPIC_PREFIX_ARN).toBe(prefix);
  });

  it('names every missing variable at once', () => {
    expect(() => parseConfig({ TABLE_NAME: 't', EMAIL: 'ses' })).toThrow(
      'Invalid configuration: missing EVENT_BUS_NAME (BUS=eventbridge), TOKEN_KEY_ID (CIPHER=kms), SES_FROM (EMAIL=ses)',
    );
  });
});

/** Every notifier is measured (shared/app/telemetry/metrics.ts); what it wraps is the choice under test. */
function inner(n: Notifier): Notifier {
  expect(n).toBeInstanceOf(MeasuredNotifier);
  return (n as MeasuredNotifier).inner;
}

describe('composition', () => {
  const env = { ...base, APP_SECRET: 'x'.repeat(32), EMAIL_TOPIC_PREFIX_ARN: prefix };
  afterEach(() => provideStandIns({}));

  it('SNS by default: the SNS notifier and SNS email subscriptions', () => {
    expect(inner(notifier(composeBase(env)))).toBeInstanceOf(SnsNotifier);
    expect(inner(textNotifier(composeBase(env)))).toBeInstanceOf(SnsNotifier);
    expect(emailSubscriptions(composeBase(env))).toBeInstanceOf(SnsEmailSubscriptions);
  });

  it('EMAIL=ses: the SES notifier (texts still through SNS inside it); a texts-only function stays on SNS', () => {
    const b = composeBase({ ...env, EMAIL: 'ses', SES_FROM: 'nudge@runnudge.example' });
    expect(inner(notifier(b))).toBeInstanceOf(SesNotifier);
    expect(inner(textNotifier(b))).toBeInstanceOf(SnsNotifier);
    expect(emailSubscriptions(b)).toBeInstanceOf(SnsEmailSubscriptions);
  });

  it('locally: what the local runtime provides, and a clear error when nothing did', async () => {
    const b = composeBase({ ...env, NOTIFY: 'outbox', EMAIL: 'ses', SES_FROM: 'nudge@runnudge.example' });
    expect(() => notifier(b)).toThrow('NOTIFY=outbox needs the local runtime (infra/local) to provide the notifier');
    expect(() => eventPublisher(b)).toThrow(/BUS=local needs the local runtime/);
    const outbox = new OutboxNotifier({ add: async () => undefined });
    provideStandIns({ notifier: outbox, emailSubscriptions: new LocalEmailSubscriptions(prefix) });
    expect(inner(notifier(b))).toBe(outbox);
    expect(inner(textNotifier(b))).toBe(outbox);
    expect(await emailSubscriptions(b).ensure('r-1', 'alice@example.com')).toEqual({
      topicArn: `${prefix}r-1`,
      status: 'confirmed',
    });
  });
});
