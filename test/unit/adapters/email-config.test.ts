/** Email configuration (EMAIL, SES_FROM, EMAIL_TOPIC_PREFIX_ARN) and the adapters composition picks from it. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config.js';
import { buildContext } from '../../../shared/app/context.js';
import { LocalEmailSubscriptions } from '../../../shared/adapters/notify/local-email-subscriptions.js';
import { OutboxNotifier } from '../../../shared/adapters/notify/outbox-notifier.js';
import { SesNotifier } from '../../../shared/adapters/notify/ses-notifier.js';
import { SnsEmailSubscriptions } from '../../../shared/adapters/notify/sns-email-subscriptions.js';
import { SnsNotifier } from '../../../shared/adapters/notify/sns-notifier.js';

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

describe('composition', () => {
  const env = { ...base, APP_SECRET: 'x'.repeat(32), EMAIL_TOPIC_PREFIX_ARN: prefix };

  it('SNS by default: the SNS notifier and SNS email subscriptions', async () => {
    const ctx = await buildContext(env);
    expect(ctx.notifier).toBeInstanceOf(SnsNotifier);
    expect(ctx.emailSubscriptions).toBeInstanceOf(SnsEmailSubscriptions);
  });

  it('EMAIL=ses: the SES notifier (texts still through SNS inside it)', async () => {
    const ctx = await buildContext({ ...env, EMAIL: 'ses', SES_FROM: 'nudge@runnudge.example' });
    expect(ctx.notifier).toBeInstanceOf(SesNotifier);
    expect(ctx.emailSubscriptions).toBeInstanceOf(SnsEmailSubscriptions);
  });

  it('locally: the outbox and subscriptions that need no confirmation', async () => {
    const ctx = await buildContext({ ...env, NOTIFY: 'outbox', EMAIL: 'ses', SES_FROM: 'nudge@runnudge.example' });
    expect(ctx.notifier).toBeInstanceOf(OutboxNotifier);
    expect(ctx.emailSubscriptions).toBeInstanceOf(LocalEmailSubscriptions);
    expect(await ctx.emailSubscriptions.ensure('r-1', 'alice@example.com')).toEqual({
      topicArn: `${prefix}r-1`,
      status: 'confirmed',
    });
  });
});
