import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { OutgoingMessage } from '../../domain/types.js';
import { logger } from '../logger.js';
import type { EventPublisher, Notifier, SendOptions } from '../../ports/index.js';
import { METRIC, type MetricName, METRICS_NAMESPACE } from '../../ports/metrics.js';

export { METRIC };

/**
 * The operator's business metrics, as CloudWatch Embedded Metric Format lines in each function's log
 * (Powertools Metrics; no PutMetricData call, no IAM). Counts only: no runner id, number or address
 * ever becomes a dimension. The alarms on them are in infra/aws/alarms.ts. The local runtime turns
 * them off (POWERTOOLS_METRICS_DISABLED) so test output stays readable.
 */
/**
 * Powertools' own warnings go to our logger, except "no application metrics to publish": most
 * invocations (a page view, a duplicate webhook) have nothing to count, and that is no news.
 */
const metricsLogger = {
  warn: (message: string, ...rest: unknown[]) => {
    if (!message.startsWith('No application metrics to publish')) logger.warn(message, ...(rest as []));
  },
  error: (message: string) => logger.error(message),
  info: (message: string) => logger.info(message),
  debug: (message: string) => logger.debug(message),
  trace: (message: string) => logger.debug(message),
};

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'runnudge', logger: metricsLogger });

export function count(name: MetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Counts what a notifier delivered and what its provider refused; the message itself is untouched. */
export class MeasuredNotifier implements Notifier {
  constructor(readonly inner: Notifier) {}

  async send(message: OutgoingMessage, options?: SendOptions): Promise<{ messageId: string }> {
    try {
      const result = await this.inner.send(message, options);
      count(message.channel === 'sms' ? METRIC.textsSent : METRIC.emailsSent);
      const byKind = metrics.singleMetric();
      byKind.addDimension('kind', message.kind);
      byKind.addMetric(METRIC.messagesByKind, MetricUnit.Count, 1);
      return result;
    } catch (err) {
      count(METRIC.sendFailed);
      throw err;
    }
  }
}

/** Counts Strava HTTP calls and the 429s among them, around the client's own fetch. */
export function measuredFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    count(METRIC.stravaCalls);
    const res = await inner(input, init);
    if (res.status === 429) count(METRIC.stravaRateLimited);
    return res;
  };
}

/** Counts accepted bus events (a drop in them with webhooks still arriving means a broken hand-off). */
export function measuredPublisher(inner: EventPublisher): EventPublisher {
  return {
    async publish(events) {
      await inner.publish(events);
      count(METRIC.eventsPublished, events.length);
    },
  };
}
