import type { EmailSubscriptions, EmailSubscriptionStatus } from '../../../shared/ports/index.js';
import { EMAIL_TOPIC_NAME_PREFIX, emailTopicName } from '../../../shared/adapters/notify/email-topics.js';

/** The ARN prefix reported locally when none is configured (no AWS account behind it). */
export const LOCAL_TOPIC_ARN_PREFIX = 'arn:aws:sns:local:000000000000:';

/**
 * Local runtime: the outbox notifier stores email instead of sending it, so there is nothing to
 * subscribe and nothing to confirm. Reports the topic the runner would have on AWS.
 */
export class LocalEmailSubscriptions implements EmailSubscriptions {
  private readonly topicArnPrefix: string;

  /** `topicArnPrefix`: EMAIL_TOPIC_PREFIX_ARN when set; otherwise a local placeholder. */
  constructor(topicArnPrefix?: string) {
    this.topicArnPrefix = topicArnPrefix ?? `${LOCAL_TOPIC_ARN_PREFIX}${EMAIL_TOPIC_NAME_PREFIX}`;
  }

  ensure(runnerId: string, _email: string): Promise<{ topicArn: string; status: EmailSubscriptionStatus }> {
    emailTopicName(runnerId); // same id rules as on AWS
    return Promise.resolve({ topicArn: `${this.topicArnPrefix}${runnerId}`, status: 'confirmed' });
  }

  remove(_runnerId: string): Promise<void> {
    return Promise.resolve();
  }
}
