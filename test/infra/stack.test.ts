/**
 * The AWS stack, checked against the routing table (infra/wiring.ts) rather than a snapshot: every
 * expectation below is derived from FUNCTIONS and their triggers and access, so adding a function or
 * route changes what is expected without editing this file. esbuild and the built-in CloudFormation
 * validation are skipped (buildApp({ bundling: false })); `npx cdk synth` covers the real bundles.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Duration, Stack } from 'aws-cdk-lib';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Code, Function as LambdaFunction, Runtime, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ENV, type SecretName, SECRETS } from '../../shared/config.js';
import { TABLE } from '../../shared/adapters/dynamo/table.js';
import { EVENT_SOURCE } from '../../shared/ports/events.js';
import { FUNCTIONS, eventRoutes, httpRoutes, scheduledJobs, type FunctionSpec } from '../../infra/wiring.js';
import { DEFAULT_ROUTE_THROTTLE, buildApp, type RunnudgeStack } from '../../infra/aws/stack.js';
import { TABLE_WRITE_ACTIONS } from '../../infra/aws/bindings.js';

type Json = Record<string, any>;
interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Sid?: string;
}

let stack: RunnudgeStack;
let template: Template;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ stack } = buildApp({ bundling: false }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Json>;
});

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnFunction);
const fnLogicalId = (spec: FunctionSpec) => logicalId(stack.functions.get(spec.name)!.fn);
const roleLogicalId = (spec: FunctionSpec) => logicalId(stack.functions.get(spec.name)!.role);
const busArn = () => ({ 'Fn::GetAtt': [logicalId(stack.bus), 'Arn'] });
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

function functionProps(spec: FunctionSpec): Json {
  return resources[fnLogicalId(spec)]!.Properties as Json;
}

/** Every statement of every IAM policy attached to the function's role. */
function statementsOf(spec: FunctionSpec): Statement[] {
  const role = roleLogicalId(spec);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => (r.Properties.Roles as Json[]).some((ref) => ref.Ref === role))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
}

const allows = (spec: FunctionSpec, action: string) =>
  statementsOf(spec).filter((s) => s.Effect === 'Allow' && actionsOf(s).includes(action));

const hasActionPrefix = (spec: FunctionSpec, prefix: string) =>
  statementsOf(spec).some((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith(prefix)));

describe('functions', () => {
  it('one Lambda per wiring entry, Node 24 on arm64, traced, sized from the spec', () => {
    template.resourceCountIs('AWS::Lambda::Function', FUNCTIONS.length);
    for (const spec of FUNCTIONS) {
      const props = functionProps(spec);
      expect(props.Runtime, spec.name).toBe('nodejs24.x');
      expect(props.Architectures, spec.name).toEqual(['arm64']);
      expect(props.TracingConfig, spec.name).toEqual({ Mode: 'Active' });
      expect(props.MemorySize, spec.name).toBe(spec.memoryMb);
      expect(props.Timeout, spec.name).toBe(spec.timeoutSeconds);
    }
  });

  it('reserved concurrency exactly where the spec caps it, the public webhook among them', () => {
    const webhook = FUNCTIONS.find((f) => f.triggers.some((t) => t.type === 'http' && t.path.startsWith('/webhooks/')))!;
    expect(webhook.reservedConcurrency).toBeGreaterThan(0);
    for (const spec of FUNCTIONS) {
      expect(functionProps(spec).ReservedConcurrentExecutions, spec.name).toBe(spec.reservedConcurrency);
    }
  });

  it('each function logs to its own log group with a one-month retention', () => {
    for (const spec of FUNCTIONS) {
      const logGroup = logicalId(stack.functions.get(spec.name)!.logGroup);
      expect(functionProps(spec).LoggingConfig).toEqual({ LogGroup: { Ref: logGroup } });
      expect(resources[logGroup]!.Properties.RetentionInDays).toBe(30);
    }
  });

  it('no function role carries an AWS managed policy', () => {
    for (const spec of FUNCTIONS) {
      expect(resources[roleLogicalId(spec)]!.Properties.ManagedPolicyArns, spec.name).toBeUndefined();
    }
  });

  it('bus, table, cipher and public URL settings reach every function', () => {
    for (const spec of FUNCTIONS) {
      const env = functionProps(spec).Environment.Variables as Json;
      expect(env[ENV.TABLE_NAME], spec.name).toEqual({ Ref: logicalId(stack.table) });
      expect(env[ENV.BUS], spec.name).toBe('eventbridge');
      expect(env[ENV.EVENT_BUS_NAME], spec.name).toEqual({ Ref: logicalId(stack.bus) });
      expect(env[ENV.CIPHER], spec.name).toBe('kms');
      expect(env[ENV.TOKEN_KEY_ID], spec.name).toEqual({ 'Fn::GetAtt': [logicalId(stack.tokenKey), 'Arn'] });
      expect(env[ENV.NOTIFY], spec.name).toBe('sns');
      expect(env[ENV.PUBLIC_URL], spec.name).toEqual({ 'Fn::GetAtt': [logicalId(stack.api), 'ApiEndpoint'] });
    }
  });

  it('functions triggered asynchronously send failures to the encrypted, SSL-only dead-letter queue', () => {
    const dlq = logicalId(stack.deadLetterQueue);
    const asyncSpecs = FUNCTIONS.filter((f) => f.triggers.some((t) => t.type !== 'http'));
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', asyncSpecs.length);
    for (const spec of asyncSpecs) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fnLogicalId(spec) },
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
      });
    }
    expect(resources[dlq]!.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('events and schedules', () => {
  it('a custom event bus exists', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    const bus = resources[logicalId(stack.bus)]!;
    expect(bus.Type).toBe('AWS::Events::EventBus');
    expect(bus.Properties.Name).not.toBe('default');
  });

  it('one rule on the bus per event trigger, matching its detail types, targeting its function', () => {
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules).toHaveLength(eventRoutes().length);
    for (const { fn, detailTypes } of eventRoutes()) {
      const matching = rules.filter(
        (r) =>
          (r.Properties.Targets as Json[]).some(
            (t) => JSON.stringify(t.Arn) === JSON.stringify({ 'Fn::GetAtt': [fnLogicalId(fn), 'Arn'] }),
          ) && JSON.stringify(r.Properties.EventPattern['detail-type']) === JSON.stringify(detailTypes),
      );
      expect(matching, `${fn.name} ${detailTypes.join(',')}`).toHaveLength(1);
      const rule = matching[0]!.Properties;
      expect(rule.EventBusName).toEqual({ Ref: logicalId(stack.bus) });
      expect(rule.EventPattern.source).toEqual([EVENT_SOURCE]);
      const target = (rule.Targets as Json[])[0]!;
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueue), 'Arn'] } });
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    }
  });

  it('one EventBridge Scheduler schedule per job, at its rate, with {"job": name} as input', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', scheduledJobs().length);
    for (const { fn, job, rateMinutes } of scheduledJobs()) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        // CDK writes whole hours as `rate(1 hour)`: compare with its own rendering of the rate.
        ScheduleExpression: ScheduleExpression.rate(Duration.minutes(rateMinutes)).expressionString,
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnLogicalId(fn), 'Arn'] },
          Input: JSON.stringify({ job }),
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueue), 'Arn'] } },
        }),
      });
    }
  });

  it('the scheduler role may invoke exactly the scheduled functions', () => {
    const invokable = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => actionsOf(s).includes('lambda:InvokeFunction'))
      .map((s) => JSON.stringify(s.Resource));
    expect(new Set(invokable)).toEqual(
      new Set(scheduledJobs().map(({ fn }) => JSON.stringify({ 'Fn::GetAtt': [fnLogicalId(fn), 'Arn'] }))),
    );
  });
});

describe('HTTP API', () => {
  it('every HTTP route in wiring exists with its route key and integration', () => {
    const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    expect(routes).toHaveLength(httpRoutes().length);
    for (const { method, path } of httpRoutes()) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${method} ${path}`,
        Target: Match.anyValue(),
      });
    }
  });

  it('the default stage logs access to a log group and throttles', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('routes with a throttle in wiring get their own budget on the stage (the webhook among them); the rest the default', () => {
    const stageIds = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage');
    expect(stageIds).toHaveLength(1);
    const [stageId, stageResource] = stageIds[0]!;
    const props = stageResource.Properties as Json;
    expect(props.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: DEFAULT_ROUTE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: DEFAULT_ROUTE_THROTTLE.burstLimit,
    });
    const throttled = httpRoutes().filter((r) => r.throttle);
    expect(throttled.some((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'))).toBe(true);
    expect(props.RouteSettings).toEqual(
      Object.fromEntries(
        throttled.map((r) => [
          `${r.method} ${r.path}`,
          { ThrottlingRateLimit: r.throttle!.rateLimit, ThrottlingBurstLimit: r.throttle!.burstLimit },
        ]),
      ),
    );
    // The stage is created after the routes its settings name.
    const routeIds = Object.entries(resources)
      .filter(
        ([, r]) =>
          r.Type === 'AWS::ApiGatewayV2::Route' && throttled.some((t) => r.Properties.RouteKey === `${t.method} ${t.path}`),
      )
      .map(([id]) => id);
    expect(routeIds).toHaveLength(throttled.length);
    expect(resources[stageId]!.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('outputs the API URL, webhook URL, table name and bus name', () => {
    const outputs = template.toJSON().Outputs as Json;
    for (const name of ['ApiUrl', 'WebhookUrl', 'TableName', 'EventBusName']) expect(outputs[name], name).toBeDefined();
    const webhook = httpRoutes().find((r) => r.path.startsWith('/webhooks/'))!;
    expect(JSON.stringify(outputs.WebhookUrl.Value)).toContain(webhook.path);
  });
});

describe('table', () => {
  it('on-demand, PITR, TTL on `ttl`, the GSI, retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: TABLE.gsi1.name,
            KeySchema: [
              { AttributeName: TABLE.gsi1.partitionKey, KeyType: 'HASH' },
              { AttributeName: TABLE.gsi1.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ],
      }),
    });
  });

  it('read or read-write on the table and its GSI by name, as access.table says', () => {
    const table = logicalId(stack.table);
    for (const spec of FUNCTIONS) {
      const statements = allows(spec, 'dynamodb:Query');
      expect(statements, spec.name).toHaveLength(1);
      expect(statements[0]!.Resource, spec.name).toEqual([
        { 'Fn::GetAtt': [table, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, `/index/${TABLE.gsi1.name}`]] },
      ]);
      for (const action of TABLE_WRITE_ACTIONS) {
        expect(allows(spec, action).length > 0, `${spec.name} ${action}`).toBe(spec.access.table === 'readwrite');
      }
    }
  });
});

describe('least privilege from access', () => {
  const webhooks = () => FUNCTIONS.filter((f) => f.triggers.some((t) => t.type === 'http' && t.path.startsWith('/webhooks/')));

  it('the webhook function has no SNS or KMS rights', () => {
    expect(webhooks().length).toBeGreaterThan(0);
    for (const spec of webhooks()) {
      expect(hasActionPrefix(spec, 'sns:'), spec.name).toBe(false);
      expect(hasActionPrefix(spec, 'kms:'), spec.name).toBe(false);
    }
  });

  it('only sendSms / sendEmail functions may sns:Publish; texts never to a topic or endpoint ARN', () => {
    expect(FUNCTIONS.some((f) => f.access.sendSms)).toBe(true);
    const anySnsArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] };
    for (const spec of FUNCTIONS) {
      const { sendSms, sendEmail } = spec.access;
      expect(allows(spec, 'sns:Publish').length > 0, spec.name).toBe(sendSms === true || sendEmail === true);
      if (!sendSms) continue;
      const deny = statementsOf(spec).find((s) => s.Effect === 'Deny' && actionsOf(s).includes('sns:Publish'));
      if (sendEmail) {
        // A Deny would also block the runners' email topics: the text right is bounded by NotResource
        // instead (bindings.ts bindSms; exact statements in email.test.ts).
        expect(deny, spec.name).toBeUndefined();
        const sms = statementsOf(spec).find((s) => s.Sid === 'SmsDirectToPhone') as
          | (Statement & { NotResource?: unknown })
          | undefined;
        expect(sms?.Resource, spec.name).toBeUndefined();
        expect(sms?.NotResource, spec.name).toEqual(anySnsArn);
      } else {
        expect(deny?.Resource, spec.name).toEqual(anySnsArn);
      }
    }
  });

  it('only publishEvents functions may events:PutEvents, on the app bus only', () => {
    for (const spec of FUNCTIONS) {
      const statements = allows(spec, 'events:PutEvents');
      expect(statements.length > 0, spec.name).toBe(spec.access.publishEvents === true);
      for (const s of statements) expect(s.Resource, spec.name).toEqual(busArn());
    }
  });

  it('kms:Encrypt / kms:Decrypt on the token key exactly as access.cipher asks', () => {
    const keyArn = { 'Fn::GetAtt': [logicalId(stack.tokenKey), 'Arn'] };
    for (const spec of FUNCTIONS) {
      const kmsActions = statementsOf(spec)
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) =>
          actionsOf(s)
            .filter((a) => a.startsWith('kms:'))
            .map((a) => ({ a, r: s.Resource })),
        );
      const { cipher } = spec.access;
      const expected =
        cipher === 'encrypt'
          ? ['kms:Encrypt']
          : cipher === 'decrypt'
            ? ['kms:Decrypt']
            : cipher === 'both'
              ? ['kms:Decrypt', 'kms:Encrypt']
              : [];
      expect(kmsActions.map((k) => k.a).sort(), spec.name).toEqual(expected);
      for (const k of kmsActions) expect(k.r, spec.name).toEqual(keyArn);
    }
    expect(resources[logicalId(stack.tokenKey)]!.Properties.EnableKeyRotation).toBe(true);
  });

  it('each function reads exactly the secrets it names, and gets only their ARNs', () => {
    const names = Object.keys(SECRETS) as SecretName[];
    const refOf = (name: SecretName) => ({ Ref: logicalId(stack.secrets[name]) });
    for (const spec of FUNCTIONS) {
      const wanted = [...(spec.access.secrets ?? [])].sort();
      const read = allows(spec, 'secretsmanager:GetSecretValue').flatMap((st) =>
        Array.isArray(st.Resource) ? st.Resource : [st.Resource],
      );
      expect(read, spec.name).toEqual(expect.arrayContaining(wanted.map(refOf)));
      expect(read.length, spec.name).toBe(wanted.length);
      const env = functionProps(spec).Environment.Variables as Json;
      for (const name of names) {
        expect(env[SECRETS[name].arn], `${spec.name} ${name}`).toEqual(wanted.includes(name) ? refOf(name) : undefined);
      }
    }
  });

  it("only functions that call Strava's token endpoint read its client secret; the public webhook reads only the verify token", () => {
    const readers = (name: SecretName) =>
      FUNCTIONS.filter((f) => f.access.secrets?.includes(name))
        .map((f) => f.name)
        .sort();
    expect(readers('strava-client')).toEqual(['activity-sync', 'connect', 'history-backfill', 'runner-api']);
    expect(FUNCTIONS.find((f) => f.name === 'strava-webhook')!.access.secrets).toEqual(['strava-verify']);
    expect(readers('app')).toEqual(['check-in', 'connect', 'runner-api', 'runner-jobs']);
  });

  it('every secret is generated (never a value in the template) and separate', () => {
    const ids = new Set((Object.keys(SECRETS) as SecretName[]).map((n) => logicalId(stack.secrets[n])));
    expect(ids.size).toBe(3);
    for (const id of ids) {
      const props = resources[id]!.Properties;
      expect(props.SecretString).toBeUndefined();
      expect((props.GenerateSecretString as Json).PasswordLength).toBe(64);
    }
  });
});

describe('context', () => {
  it('stravaClientId reaches the functions with the Strava client secret, stravaSubscriptionId the webhook', () => {
    const { stack: s } = buildApp({ bundling: false, context: { stravaClientId: '4242', stravaSubscriptionId: '777' } });
    const json = Template.fromStack(s).toJSON().Resources as Record<string, Json>;
    for (const spec of FUNCTIONS) {
      const id = Stack.of(s).getLogicalId(s.functions.get(spec.name)!.fn.node.defaultChild as CfnFunction);
      const env = json[id]!.Properties.Environment.Variables as Json;
      const secrets = spec.access.secrets ?? [];
      expect(env[ENV.STRAVA_CLIENT_ID], spec.name).toBe(secrets.includes('strava-client') ? '4242' : undefined);
      expect(env[ENV.STRAVA_SUBSCRIPTION_ID], spec.name).toBe(secrets.includes('strava-verify') ? '777' : undefined);
    }
  });

  it('a Strava client id without a numeric subscription id fails the synth', () => {
    expect(() => buildApp({ bundling: false, context: { stravaClientId: '4242' } })).toThrow(/stravaSubscriptionId/);
    expect(() => buildApp({ bundling: false, context: { stravaClientId: '4242', stravaSubscriptionId: ' ' } })).toThrow(
      /stravaSubscriptionId/,
    );
    expect(() => buildApp({ bundling: false, context: { stravaClientId: '4242', stravaSubscriptionId: 'abc' } })).toThrow(
      /stravaSubscriptionId/,
    );
  });

  it('without context the Strava ids are left unset', () => {
    for (const spec of FUNCTIONS) {
      const env = functionProps(spec).Environment.Variables as Json;
      expect(env[ENV.STRAVA_CLIENT_ID], spec.name).toBeUndefined();
    }
  });
});

describe('cdk-nag AwsSolutions and Serverless', () => {
  it('reports no unacknowledged finding', () => {
    const report = new AwsSolutionsChecks(stack).validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('the Serverless pack reports no unacknowledged finding either', () => {
    const report = new ServerlessChecks(stack).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual(
      [],
    );
    expect(report.success).toBe(true);
  });

  it('the Serverless pack still sees what it checks: a function without an acknowledged DLQ is reported', () => {
    const { stack: s } = buildApp({ bundling: false, functions: [] });
    const extra = new LambdaFunction(s, 'Unreviewed', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => {};'),
    });
    const report = new ServerlessChecks(s).validateScope(s);
    expect(
      report.violations
        .filter((v) => v.ruleName === 'Serverless-LambdaDLQ')
        .flatMap((v) => v.violatingResources.map((r) => r.constructPath)),
    ).toEqual([`${extra.node.path}/Resource`]);
  });

  it('a route outside the reviewed public path families is not acknowledged', () => {
    const { stack: s } = buildApp({ bundling: false });
    const fn = [...s.functions.values()][0]!.fn;
    s.api.addRoutes({ path: '/unreviewed', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Unreviewed', fn) });
    const report = new AwsSolutionsChecks(s).validateScope(s);
    expect(report.violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath)])).toEqual([
      ['AwsSolutions-APIG4', ['Runnudge/HttpApi/GET--unreviewed/Resource']],
    ]);
  });
});
