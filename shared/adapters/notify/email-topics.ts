/**
 * Per-runner SNS topics for email (SNS's email protocol delivers to the addresses subscribed to a
 * topic, never to an address given at publish time). One topic per runner, named from the runner id,
 * so its ARN is derivable from a prefix the stack sets (EMAIL_TOPIC_PREFIX_ARN) without a lookup.
 * infra/aws/bindings.ts grants on `${EMAIL_TOPIC_NAME_PREFIX}*` and sets the prefix.
 */
import { ENV } from '../../config.js';
import { AdapterConfigError, InvalidArgumentError } from '../errors.js';

/** Topic name of a runner's email topic: this prefix + runner id. */
export const EMAIL_TOPIC_NAME_PREFIX = 'runnudge-runner-';

/** SNS topic names: 1–256 of [A-Za-z0-9_-]; the prefix takes 16. Runner ids are UUIDs. */
const RUNNER_ID = /^[A-Za-z0-9_-]{1,240}$/;

export function emailTopicName(runnerId: string): string {
  if (!RUNNER_ID.test(runnerId))
    throw new InvalidArgumentError(`email topic: runner id ${JSON.stringify(runnerId)} cannot name an SNS topic`);
  return `${EMAIL_TOPIC_NAME_PREFIX}${runnerId}`;
}

/**
 * `arn:<partition>:sns:<region>:<account>:runnudge-runner-<runnerId>` from the configured prefix
 * (which already ends in `runnudge-runner-`). Throws, naming the variable, when it is not configured.
 */
export function emailTopicArn(topicArnPrefix: string | undefined, runnerId: string): string {
  if (!topicArnPrefix) {
    throw new AdapterConfigError(`email topic: ${ENV.EMAIL_TOPIC_PREFIX_ARN} is not configured for this function`);
  }
  emailTopicName(runnerId); // validates the id
  return `${topicArnPrefix}${runnerId}`;
}
