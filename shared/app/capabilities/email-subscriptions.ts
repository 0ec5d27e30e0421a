import { SNSClient } from '@aws-sdk/client-sns';
import { SnsEmailSubscriptions } from '../../adapters/notify/sns-email-subscriptions.js';
import type { EmailSubscriptions } from '../../ports/index.js';
import type { Base } from './base.js';
import { standIn } from './stand-ins.js';

/** The runner's email topic and subscription (access.manageEmailSubscriptions); none to confirm beside the outbox. */
export function emailSubscriptions({ config }: Base): EmailSubscriptions {
  if (config.NOTIFY === 'outbox') return standIn('emailSubscriptions', 'NOTIFY=outbox');
  return new SnsEmailSubscriptions(new SNSClient({}), { topicArnPrefix: config.EMAIL_TOPIC_PREFIX_ARN });
}
