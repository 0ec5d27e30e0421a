import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SesNotifier } from '../../adapters/notify/ses-notifier.js';
import { SnsNotifier } from '../../adapters/notify/sns-notifier.js';
import type { Notifier } from '../../ports/index.js';
import { MeasuredNotifier } from '../telemetry/metrics.js';
import type { Base } from './base.js';
import { standIn } from './stand-ins.js';

/**
 * Texts and email (access.sendEmail): email to the runner's SNS topic by default, SES (HTML) when the
 * operator configured a verified sender (EMAIL=ses), texts through SNS either way. The outbox keeps
 * both with NOTIFY=outbox.
 */
export function notifier({ config }: Base): Notifier {
  if (config.NOTIFY === 'outbox') return new MeasuredNotifier(standIn('notifier', 'NOTIFY=outbox'));
  const sns = new SnsNotifier(new SNSClient({}), { topicArnPrefix: config.EMAIL_TOPIC_PREFIX_ARN });
  return new MeasuredNotifier(
    config.EMAIL === 'ses' ? new SesNotifier(new SESv2Client({}), sns, { from: config.SES_FROM ?? '' }) : sns,
  );
}
