/**
 * The operator's alarms (infra/aws/alarms.ts): the dead-letter queue, every function's errors and
 * throttles, each wired to the SSL-only, encrypted alarm topic; the email subscription from context.
 */
import { describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { FUNCTIONS } from '../../infra/wiring.js';
import { buildApp, type RunnudgeStack } from '../../infra/aws/stack.js';

type Json = Record<string, any>;

function build(context: Record<string, unknown> = {}) {
  const { stack } = buildApp({ bundling: false, context });
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Record<string, Json> };
}

const idOf = (stack: RunnudgeStack, c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as CfnResource);

describe('operator alarms', () => {
  const { stack, template, resources } = build();
  const topic = { Ref: idOf(stack, stack.alarms.topic) };
  const alarms = Object.values(resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .map((r) => r.Properties as Json);
  const alarmOn = (namespace: string, metric: string, dimension: Json) =>
    alarms.filter(
      (a) => a.Namespace === namespace && a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify([dimension]),
    );

  it('the dead-letter queue alarms on its first visible message', () => {
    const dlq = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', {
      Name: 'QueueName',
      Value: { 'Fn::GetAtt': [idOf(stack, stack.deadLetterQueue), 'QueueName'] },
    });
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
  });

  it('every function alarms on any error and any throttle', () => {
    for (const spec of FUNCTIONS) {
      const fn = { Name: 'FunctionName', Value: { Ref: idOf(stack, stack.functions.get(spec.name)!.fn) } };
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarmOn('AWS/Lambda', metric, fn);
        expect(found, `${spec.name} ${metric}`).toHaveLength(1);
        expect(found[0], `${spec.name} ${metric}`).toMatchObject({
          Statistic: 'Sum',
          Threshold: 1,
          TreatMissingData: 'notBreaching',
        });
      }
    }
    // + the DLQ, Strava 429s, provider refusals, and SMS success in the default country (US).
    expect(alarms).toHaveLength(1 + 2 * FUNCTIONS.length + 3);
  });

  it("the app's own metrics alarm: a Strava 429 in a 15-minute window, any refused text or email", () => {
    const service = { Name: 'service', Value: 'runnudge' };
    const strava = alarmOn('runnudge', 'StravaRateLimited', service);
    expect(strava).toHaveLength(1);
    expect(strava[0]).toMatchObject({ Statistic: 'Sum', Period: 900, Threshold: 1, TreatMissingData: 'notBreaching' });
    const refused = alarmOn('runnudge', 'MessageSendFailed', service);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1 });
  });

  it('SMS delivery below 90% in an hour alarms, per country texted', () => {
    const sms = alarms.filter((a) => a.Namespace === 'AWS/SNS' && a.MetricName === 'SMSSuccessRate');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      Statistic: 'Average',
      Period: 3600,
      Threshold: 0.9,
      ComparisonOperator: 'LessThanThreshold',
      Dimensions: [
        { Name: 'Country', Value: 'US' },
        { Name: 'SMSType', Value: 'Transactional' },
      ],
    });
  });

  it('every alarm notifies the alarm topic when it fires and when it clears', () => {
    for (const a of alarms) {
      expect(a.AlarmActions, a.MetricName).toEqual([topic]);
      expect(a.OKActions, a.MetricName).toEqual([topic]);
    }
  });

  it('the topic is SSL-only and encrypted with a key CloudWatch may use', () => {
    const props = resources[topic.Ref]!.Properties as Json;
    const keyId = props.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    expect(resources[keyId]!.Type).toBe('AWS::KMS::Key');
    expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
    expect(resources[keyId]!.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      ]),
    );
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('no subscription without context alarmEmail; the topic ARN is an output', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect((template.toJSON().Outputs as Json).AlarmTopicArn.Value).toEqual(topic);
  });
});

describe('context alarmEmail', () => {
  it('subscribes that address to the alarm topic', () => {
    const { stack, template } = build({ alarmEmail: 'ops@runnudge.example' });
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@runnudge.example',
      TopicArn: { Ref: idOf(stack, stack.alarms.topic) },
    });
  });

  it('a value that is not a plain address fails the synth', () => {
    expect(() => build({ alarmEmail: 'Ops <ops@runnudge.example>' })).toThrow(/alarmEmail/);
  });
});
