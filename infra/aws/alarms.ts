/**
 * The operator's alarms: anything in the dead-letter queue, any function error, any throttle, Strava
 * answering 429 (the app's read window is spent), a text or email the provider refused, and SMS
 * carrier delivery falling below 90% per country the service texts. Each
 * alarm notifies one SSL-only, KMS-encrypted SNS topic; with context `alarmEmail` that address is
 * subscribed (SNS sends it a confirmation first). An alarm also notifies when it clears.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE } from '../../shared/ports/metrics.js';
import type { RunnudgeFunction } from './function.js';
import { StackContextError } from './errors.js';

/** One evaluation window: short enough to page within minutes, long enough to cost one datapoint. */
export const ALARM_PERIOD = Duration.minutes(5);

const PLAIN_EMAIL = /^[^\s@<>"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export interface OperatorAlarmsProps {
  deadLetterQueue: sqs.IQueue;
  functions: Iterable<RunnudgeFunction>;
  /** Context `alarmEmail`; '' for none (the topic can be subscribed by hand). */
  alarmEmail: string;
  /** ISO 3166 alpha-2 codes of the countries texts go to (SNS reports SMS success per country). */
  smsCountries?: readonly string[];
}

/** The app's own metrics (shared/app/telemetry/metrics.ts): EMF in namespace runnudge, dimension service. */
const appMetric = (metricName: string, period: Duration) =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: 'runnudge' },
    statistic: cloudwatch.Stats.SUM,
    period,
  });

export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    // CloudWatch can only publish to an encrypted topic whose key lets it: hence a key of our own
    // (the AWS managed alias/aws/sns key cannot grant cloudwatch.amazonaws.com).
    const key = new kms.Key(this, 'TopicKey', {
      description: 'runnudge: encrypts the operator alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'runnudge alarms',
      enforceSSL: true,
      masterKey: key,
    });
    if (props.alarmEmail) {
      if (!PLAIN_EMAIL.test(props.alarmEmail)) {
        throw new StackContextError(`context alarmEmail must be a plain email address, got ${JSON.stringify(props.alarmEmail)}`);
      }
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }
    const action = new SnsAction(this.topic);

    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string, below?: { threshold: number }) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: below?.threshold ?? 1,
        evaluationPeriods: 1,
        comparisonOperator: below
          ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD
          : cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is no problem: a quiet function or an empty queue publishes no datapoint.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
    };

    alarm(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      'runnudge: the dead-letter queue holds messages (an event, schedule or async invocation gave up); inspect and redrive them.',
    );
    alarm(
      'StravaRateLimited',
      // Strava's limits are per 15 minutes; one 429 means every runner's fetch waits for the next window.
      appMetric(METRIC.stravaRateLimited, Duration.minutes(15)),
      "runnudge: Strava answered 429 (the app's read limit for the window is spent); fetches wait for the next window. Many in a row: a flood, or the app has outgrown its Strava tier.",
    );
    alarm(
      'MessageSendFailed',
      appMetric(METRIC.sendFailed, ALARM_PERIOD),
      "runnudge: SNS or SES refused a text or email (throttling, spend limit, sandbox, bad number); see the sender functions' logs.",
    );
    for (const country of props.smsCountries ?? ['US']) {
      alarm(
        `SmsSuccessRate${country}`,
        new cloudwatch.Metric({
          namespace: 'AWS/SNS',
          metricName: 'SMSSuccessRate',
          dimensionsMap: { Country: country, SMSType: 'Transactional' },
          statistic: cloudwatch.Stats.AVERAGE,
          period: Duration.hours(1),
        }),
        `runnudge: under 90% of texts to ${country} reached the phone in the last hour (carrier filtering or a blocked origination number).`,
        { threshold: 0.9 },
      );
    }
    for (const f of props.functions) {
      const name = f.spec.name;
      const logical = f.node.id;
      alarm(
        `${logical}Errors`,
        f.fn.metricErrors({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
        `runnudge: ${name} failed (an invocation threw or timed out); see its log group.`,
      );
      alarm(
        `${logical}Throttles`,
        f.fn.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
        `runnudge: ${name} was throttled (reserved or account concurrency exhausted).`,
      );
    }
  }
}
