/**
 * The operator's metric names: a contract between the code that emits them (shared/app/telemetry)
 * and the alarms that watch them (infra/aws/alarms.ts). CloudWatch EMF, namespace runnudge,
 * dimension `service` (and `kind` for MessagesSent).
 */
export const METRICS_NAMESPACE = 'runnudge';

export const METRIC = {
  textsSent: 'TextsSent',
  emailsSent: 'EmailsSent',
  /** A provider refused a text or email (the caller retries or holds it). */
  sendFailed: 'MessageSendFailed',
  /** Per message kind (dimension `kind`): how often each rule's message went out. */
  messagesByKind: 'MessagesSent',
  stravaCalls: 'StravaCalls',
  stravaRateLimited: 'StravaRateLimited',
  runsRecorded: 'RunsRecorded',
  eventsPublished: 'EventsPublished',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
