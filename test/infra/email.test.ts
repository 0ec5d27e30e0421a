/**
 * Email rights and settings from access.sendEmail / access.manageEmailSubscriptions, on stacks built
 * from a routing table of our own (buildApp({ functions })) so every combination is covered whatever
 * FUNCTIONS holds today; plus what the real table gives runner-api. Exact SNS/SES statements, the
 * environment each flag sets, and cdk-nag with nothing left unacknowledged.
 */
import { describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ENV } from '../../shared/config.js';
import { FUNCTIONS, type Access, type FunctionSpec } from '../../infra/wiring.js';
import { buildApp, type RunnudgeStack } from '../../infra/aws/stack.js';

type Json = Record<string, any>;

const spec = (name: string, access: Omit<Access, 'table'>): FunctionSpec => ({
  name,
  entry: `functions/${name}/handler.ts`, // absent: the stack puts a placeholder handler in (bundling off)
  triggers: [],
  access: { table: 'read', ...access },
  timeoutSeconds: 5,
  memoryMb: 128,
});

const SPECS = [
  spec('email-only', { sendEmail: true }),
  spec('sms-and-email', { sendSms: true, sendEmail: true }),
  spec('sms-only', { sendSms: true }),
  spec('subscriptions', { manageEmailSubscriptions: true }),
  spec('plain', {}),
];

const SES_FROM = 'nudge@runnudge.example';

function build(context: Record<string, unknown> = {}, functions: FunctionSpec[] = SPECS) {
  const { stack } = buildApp({ bundling: false, context, functions });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Json>;
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnResource);
  const fn = (name: string) => stack.functions.get(name)!;
  return {
    stack,
    /** The function's SNS and SES statements (logs, X-Ray, table and the rest left out). */
    messaging(name: string): Json[] {
      const role = id(fn(name).role);
      return Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as Json[]).some((ref) => ref.Ref === role))
        .flatMap((r) => r.Properties.PolicyDocument.Statement as Json[])
        .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('sns:') || a.startsWith('ses:')));
    },
    env(name: string): Json {
      return resources[id(fn(name).fn)]!.Properties.Environment.Variables as Json;
    },
  };
}

/** `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}<suffix>` as CDK renders it. */
const arn = (service: string, suffix: string) => ({
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, suffix],
  ],
});
const anySnsArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] };
const topicPrefix = arn('sns', ':runnudge-runner-');
const topics = arn('sns', ':runnudge-runner-*');

const EMAIL_TOPIC_PUBLISH = { Sid: 'EmailTopicPublish', Effect: 'Allow', Action: 'sns:Publish', Resource: topics };
const SES_SEND = {
  Sid: 'SesSendFromVerifiedSender',
  Effect: 'Allow',
  Action: 'ses:SendEmail',
  Resource: [arn('ses', `:identity/${SES_FROM}`), arn('ses', ':identity/runnudge.example')],
  Condition: { StringEquals: { 'ses:FromAddress': SES_FROM } },
};
const SMS_ALLOW_STAR = { Sid: 'SmsDirectToPhone', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' };
const SMS_DENY_SNS_ARNS = { Sid: 'NoTopicOrEndpointPublish', Effect: 'Deny', Action: 'sns:Publish', Resource: anySnsArn };
const SMS_ALLOW_NOT_SNS_ARNS = { Sid: 'SmsDirectToPhone', Effect: 'Allow', Action: 'sns:Publish', NotResource: anySnsArn };
const MANAGE_TOPICS = {
  Sid: 'RunnerEmailTopics',
  Effect: 'Allow',
  Action: ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:ListSubscriptionsByTopic', 'sns:SetTopicAttributes', 'sns:Subscribe'],
  Resource: topics,
};
const UNSUBSCRIBE = {
  Sid: 'RunnerEmailUnsubscribe',
  Effect: 'Allow',
  Action: 'sns:Unsubscribe',
  Resource: arn('sns', ':runnudge-runner-*:*'),
};

describe('email rights without an SES sender (SNS email)', () => {
  const s = build();

  it('sendEmail: publish to the runners’ topics only', () => {
    expect(s.messaging('email-only')).toEqual([EMAIL_TOPIC_PUBLISH]);
  });

  it('sendSms + sendEmail: no Deny that would block the topics; texts bounded by NotResource on every SNS ARN', () => {
    expect(s.messaging('sms-and-email')).toEqual([SMS_ALLOW_NOT_SNS_ARNS, EMAIL_TOPIC_PUBLISH]);
  });

  it('sendSms alone keeps Allow "*" with the Deny on every SNS ARN', () => {
    expect(s.messaging('sms-only')).toEqual([SMS_ALLOW_STAR, SMS_DENY_SNS_ARNS]);
  });

  it('manageEmailSubscriptions: topic management on runnudge-runner-*, Unsubscribe on their subscriptions, no Publish', () => {
    expect(s.messaging('subscriptions')).toEqual([MANAGE_TOPICS, UNSUBSCRIBE]);
  });

  it('no flag, no SNS or SES right', () => {
    expect(s.messaging('plain')).toEqual([]);
  });

  it('EMAIL_TOPIC_PREFIX_ARN goes to email senders and subscription managers; EMAIL and SES_FROM to nobody', () => {
    for (const name of ['email-only', 'sms-and-email', 'subscriptions']) {
      expect(s.env(name)[ENV.EMAIL_TOPIC_PREFIX_ARN], name).toEqual(topicPrefix);
    }
    for (const name of ['sms-only', 'plain']) expect(s.env(name)[ENV.EMAIL_TOPIC_PREFIX_ARN], name).toBeUndefined();
    for (const { name } of SPECS) {
      expect(s.env(name)[ENV.EMAIL], name).toBeUndefined();
      expect(s.env(name)[ENV.SES_FROM], name).toBeUndefined();
    }
  });

  it('cdk-nag: nothing unacknowledged (the runnudge-runner-* wildcards carry their reasons)', () => {
    expect(nagFindings(s.stack)).toEqual([]);
  });
});

describe('email rights with an SES sender (context sesFrom)', () => {
  const s = build({ sesFrom: SES_FROM });

  it('sendEmail: topic publish plus ses:SendEmail on the sender’s address and domain identities, From pinned', () => {
    expect(s.messaging('email-only')).toEqual([EMAIL_TOPIC_PUBLISH, SES_SEND]);
    expect(s.messaging('sms-and-email')).toEqual([SMS_ALLOW_NOT_SNS_ARNS, EMAIL_TOPIC_PUBLISH, SES_SEND]);
  });

  it('the sender does not widen anyone else', () => {
    expect(s.messaging('sms-only')).toEqual([SMS_ALLOW_STAR, SMS_DENY_SNS_ARNS]);
    expect(s.messaging('subscriptions')).toEqual([MANAGE_TOPICS, UNSUBSCRIBE]);
    expect(s.messaging('plain')).toEqual([]);
  });

  it('EMAIL=ses and SES_FROM reach the email senders only', () => {
    for (const name of ['email-only', 'sms-and-email']) {
      expect(s.env(name)[ENV.EMAIL], name).toBe('ses');
      expect(s.env(name)[ENV.SES_FROM], name).toBe(SES_FROM);
      expect(s.env(name)[ENV.EMAIL_TOPIC_PREFIX_ARN], name).toEqual(topicPrefix);
    }
    for (const name of ['sms-only', 'subscriptions', 'plain']) {
      expect(s.env(name)[ENV.EMAIL], name).toBeUndefined();
      expect(s.env(name)[ENV.SES_FROM], name).toBeUndefined();
    }
  });

  it('cdk-nag: nothing unacknowledged', () => {
    expect(nagFindings(s.stack)).toEqual([]);
  });

  it('a sesFrom that is not a plain address fails the synth', () => {
    expect(() => build({ sesFrom: 'runnudge <nudge@runnudge.example>' })).toThrow(/sesFrom/);
  });
});

describe('the routing table', () => {
  const s = build({}, FUNCTIONS);

  it('runner-api manages email subscriptions (settings change, account deletion) and sends nothing', () => {
    const runnerApi = FUNCTIONS.find((f) => f.name === 'runner-api')!;
    expect(runnerApi.access.manageEmailSubscriptions).toBe(true);
    expect(s.messaging('runner-api')).toEqual([MANAGE_TOPICS, UNSUBSCRIBE]);
    expect(s.env('runner-api')[ENV.EMAIL_TOPIC_PREFIX_ARN]).toEqual(topicPrefix);
  });

  it('email rights exactly where access asks for them', () => {
    for (const f of FUNCTIONS) {
      const email = s.messaging(f.name).filter((st) => st.Sid !== 'SmsDirectToPhone' && st.Sid !== 'NoTopicOrEndpointPublish');
      expect(email.length > 0, f.name).toBe(f.access.sendEmail === true || f.access.manageEmailSubscriptions === true);
    }
  });
});

function nagFindings(stack: RunnudgeStack): string[] {
  return [new AwsSolutionsChecks(stack), new ServerlessChecks(stack)].flatMap((pack) =>
    pack
      .validateScope(stack)
      .violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
  );
}
