import { SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../../adapters/notify/sns-notifier.js';
import type { Notifier } from '../../ports/index.js';
import { MeasuredNotifier } from '../telemetry/metrics.js';
import type { Base } from './base.js';
import { standIn } from './stand-ins.js';

/** Texts only (access.sendSms): SNS on AWS, the outbox with NOTIFY=outbox. No SES client. */
export function textNotifier({ config }: Base): Notifier {
  if (config.NOTIFY === 'outbox') return new MeasuredNotifier(standIn('notifier', 'NOTIFY=outbox'));
  return new MeasuredNotifier(new SnsNotifier(new SNSClient({}), { topicArnPrefix: config.EMAIL_TOPIC_PREFIX_ARN }));
}
