/**
 * The AWS stack, generated from the routing table in infra/wiring.ts: every function, HTTP route,
 * bus rule and schedule comes from there, and each function's rights from its `access`.
 * Nothing here names a particular function.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ScheduleTargetBase, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV, type SecretName, SECRETS } from '../../shared/config.js';
import { TABLE } from '../../shared/adapters/dynamo/table.js';
import { EVENT_SOURCE } from '../../shared/ports/events.js';
import { FUNCTIONS, eventRoutes, httpRoutes, scheduleInput, scheduledJobs, type FunctionSpec } from '../wiring.js';
import { bindBus, bindCipher, bindEmail, bindEmailSubscriptions, bindSecrets, bindSms, bindTable } from './bindings.js';
import { OperatorAlarms } from './alarms.js';
import { RunnudgeFunction } from './function.js';
import { acknowledge, acknowledgePublicRoute } from './nag.js';
import { StackContextError } from './errors.js';

/** Repository root (infra/aws/ → ../..). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The path Strava is told to call; its URL is a stack output. */
const WEBHOOK_PREFIX = '/webhooks/';

/** The stage default, for every route without a throttle of its own in wiring. */
export const DEFAULT_ROUTE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

export interface RunnudgeStackProps extends StackProps {
  /** false skips esbuild (tests); default true. */
  bundling?: boolean;
  /** The routing table to build from; default FUNCTIONS from infra/wiring.ts (tests pass their own). */
  functions?: FunctionSpec[];
}

const pascal = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/**
 * Scheduler → Lambda with an exact grant: lambda:InvokeFunction on the function's ARN only. The
 * stock LambdaInvoke target uses grantInvoke, which adds `<arn>:*` (every version and alias) — a
 * wildcard cdk-nag's IAM5 flags and the schedule never needs, since it invokes the unqualified ARN.
 */
class InvokeFunction extends ScheduleTargetBase implements scheduler.IScheduleTarget {
  constructor(
    private readonly fn: lambda.IFunction,
    props: ScheduleTargetBaseProps,
  ) {
    super(props, fn.functionArn);
  }

  protected addTargetActionToRole(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }));
  }
}

export class RunnudgeStack extends Stack {
  readonly functions = new Map<string, RunnudgeFunction>();
  readonly table: dynamodb.Table;
  readonly bus: events.EventBus;
  readonly api: apigw.HttpApi;
  readonly tokenKey: kms.Key;
  /** One secret per value, so a function can read only what it needs (SECRETS in shared/config.ts). */
  readonly secrets: Record<SecretName, secretsmanager.Secret>;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: OperatorAlarms;

  constructor(scope: Construct, id: string, props: RunnudgeStackProps = {}) {
    super(scope, id, props);
    const bundling = props.bundling ?? true;
    const specs = props.functions ?? FUNCTIONS;
    const context = (key: string): string => {
      const value: unknown = this.node.tryGetContext(key);
      return value === undefined || value === null ? '' : String(value).trim();
    };

    // ---- data --------------------------------------------------------------------------------
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.gsi1.name,
      partitionKey: { name: TABLE.gsi1.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.gsi1.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    // Tracker tokens are encrypted with this key; losing it loses every runner's connection.
    this.tokenKey = new kms.Key(this, 'TokenKey', {
      description: 'runnudge: encrypts tracker OAuth tokens at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Each secret starts as a generated random string. APP_SECRET and the verify token can stay so
    // (give Strava the verify token when creating the push subscription); the Strava client secret
    // must be replaced by the operator with the application's own after the first deploy.
    const secret = (id: string, name: SecretName, description: string, rotation: string) => {
      const s = new secretsmanager.Secret(this, id, {
        description: `runnudge ${SECRETS[name].value}: ${description}`,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
      acknowledge(s, 'AwsSolutions-SMG4', `No automatic rotation: ${rotation}`);
      return s;
    };
    this.secrets = {
      app: secret(
        'AppSecret',
        'app',
        'signs session cookies, OAuth state and links',
        'rotating APP_SECRET signs every runner out and voids links already sent; rotate by hand (README "Operating it").',
      ),
      'strava-client': secret(
        'StravaClientSecret',
        'strava-client',
        "replace with the Strava application's client secret",
        'the client secret is issued and changed at Strava, then put here by hand.',
      ),
      'strava-verify': secret(
        'StravaVerifyToken',
        'strava-verify',
        'the verify_token given to Strava with the push subscription',
        'the verify token is fixed when the push subscription is created; change both together by hand.',
      ),
    };

    // ---- messaging ---------------------------------------------------------------------------
    this.bus = new events.EventBus(this, 'Bus', { description: 'runnudge domain events' });

    // One queue for everything asynchronous that could not be delivered or kept failing: rule and
    // schedule deliveries, and function errors after Lambda's own async retries (on-failure destination).
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue (of the bus rules, the schedules and the functions’ async on-failure destination).',
    );
    acknowledge(
      this.deadLetterQueue,
      'Serverless-SQSRedrivePolicy',
      'This queue is itself the dead-letter queue: nothing consumes it, so no receive can fail; its messages are inspected and redriven by the operator (its depth alarms).',
    );

    // ---- HTTP --------------------------------------------------------------------------------
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'runnudge: Strava webhook, OAuth connect, runner settings',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...DEFAULT_ROUTE_THROTTLE },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // JSON, and the route key rather than the path: /c/{token} paths and webhook query strings
        // carry credentials that do not belong in logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const publicUrl = context('publicUrl') || this.api.apiEndpoint;

    // ---- functions ---------------------------------------------------------------------------
    const stravaClientId = context('stravaClientId');
    const stravaSubscriptionId = context('stravaSubscriptionId');
    // Without the subscription id the webhook cannot tell Strava's events from forged ones (anyone
    // who knows one athlete id could spend the app's Strava read budget), so a stack connected to a
    // real Strava application never deploys without it.
    if (stravaClientId && !/^\d+$/.test(stravaSubscriptionId)) {
      throw new StackContextError(
        `context stravaSubscriptionId (the numeric id of the Strava push subscription) is required when stravaClientId is set, got ${JSON.stringify(stravaSubscriptionId)}`,
      );
    }
    // Optional verified SES sender: email functions then send HTML email through SES.
    const sesFrom = context('sesFrom');
    for (const spec of specs) {
      const asyncTriggered = spec.triggers.some((t) => t.type !== 'http');
      const f = new RunnudgeFunction(this, pascal(spec.name), {
        spec,
        projectRoot: PROJECT_ROOT,
        bundling,
        environment: {
          [ENV.NOTIFY]: 'sns',
          [ENV.PUBLIC_URL]: publicUrl,
        },
        ...(asyncTriggered && {
          async: {
            retryAttempts: 2,
            maxEventAge: Duration.hours(6),
            onFailure: new SqsDestination(this.deadLetterQueue),
          },
        }),
      });
      const { access } = spec;
      bindTable(f, this.table, access.table);
      bindBus(f, this.bus, access.publishEvents === true);
      bindCipher(f, this.tokenKey, access.cipher);
      const secrets = access.secrets ?? [];
      bindSecrets(f, this.secrets, secrets);
      // The Strava application's identity travels with its secret, the subscription's with its verify token.
      if (stravaClientId && secrets.includes('strava-client')) f.addEnvironment(ENV.STRAVA_CLIENT_ID, stravaClientId);
      if (stravaSubscriptionId && secrets.includes('strava-verify')) {
        f.addEnvironment(ENV.STRAVA_SUBSCRIPTION_ID, stravaSubscriptionId);
      }
      if (access.sendSms) bindSms(f, { emailTopics: access.sendEmail === true });
      if (access.sendEmail) bindEmail(f, sesFrom);
      if (access.manageEmailSubscriptions) bindEmailSubscriptions(f);
      this.functions.set(spec.name, f);
    }
    const fnOf = (spec: FunctionSpec) => this.functions.get(spec.name)!.fn;

    // ---- triggers ----------------------------------------------------------------------------
    const integrations = new Map<string, HttpLambdaIntegration>();
    // Routes with a budget of their own: API Gateway route settings on the stage, keyed by route key.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const stageResource = stage.node.defaultChild as apigw.CfnStage;
    for (const { fn: spec, method, path, throttle } of httpRoutes(specs)) {
      let integration = integrations.get(spec.name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(spec.name)}Integration`, fnOf(spec));
        integrations.set(spec.name, integration);
      }
      for (const route of this.api.addRoutes({ path, methods: [apigw.HttpMethod[method]], integration })) {
        acknowledgePublicRoute(route, path);
        if (throttle) {
          routeSettings[`${method} ${path}`] = {
            ThrottlingRateLimit: throttle.rateLimit,
            ThrottlingBurstLimit: throttle.burstLimit,
          };
          // A route setting names a route that must exist first, or CloudFormation rejects the stage.
          stageResource.node.addDependency(route);
        }
      }
    }
    if (Object.keys(routeSettings).length > 0) stageResource.routeSettings = routeSettings;

    const ruleIndex = new Map<string, number>();
    for (const { fn: spec, detailTypes } of eventRoutes(specs)) {
      const n = (ruleIndex.get(spec.name) ?? 0) + 1;
      ruleIndex.set(spec.name, n);
      new events.Rule(this, `${pascal(spec.name)}Rule${n > 1 ? n : ''}`, {
        description: `runnudge: ${detailTypes.join(', ')} → ${spec.name}`,
        eventBus: this.bus,
        eventPattern: { source: [EVENT_SOURCE], detailType: [...detailTypes] },
        targets: [
          new eventTargets.LambdaFunction(fnOf(spec), {
            deadLetterQueue: this.deadLetterQueue,
            retryAttempts: 4,
            maxEventAge: Duration.hours(6),
          }),
        ],
      });
    }

    for (const { fn: spec, job, rateMinutes } of scheduledJobs(specs)) {
      new scheduler.Schedule(this, `${pascal(job)}Schedule`, {
        description: `runnudge job ${job} every ${rateMinutes} min`,
        schedule: scheduler.ScheduleExpression.rate(Duration.minutes(rateMinutes)),
        target: new InvokeFunction(fnOf(spec), {
          input: scheduler.ScheduleTargetInput.fromObject(scheduleInput(job)),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 2,
          // A run older than its own period is superseded by the next one.
          maxEventAge: Duration.minutes(Math.max(1, rateMinutes)),
        }),
      });
    }

    // ---- operator ----------------------------------------------------------------------------
    this.alarms = new OperatorAlarms(this, 'Alarms', {
      deadLetterQueue: this.deadLetterQueue,
      functions: this.functions.values(),
      alarmEmail: context('alarmEmail'),
    });

    // ---- outputs -----------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'HTTP API base URL' });
    const webhook = httpRoutes(specs).find((r) => r.path.startsWith(WEBHOOK_PREFIX));
    if (webhook) {
      new CfnOutput(this, 'WebhookUrl', {
        value: `${this.api.apiEndpoint}${webhook.path}`,
        description: 'callback_url for the Strava push subscription',
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'StravaClientSecretArn', {
      value: this.secrets['strava-client'].secretArn,
      description: "put the Strava application's client secret here after the first deploy",
    });
    new CfnOutput(this, 'StravaVerifyTokenArn', {
      value: this.secrets['strava-verify'].secretArn,
      description: 'the verify_token to give Strava when creating the push subscription',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'every alarm notifies this topic; subscribe with -c alarmEmail=… or by hand',
    });
  }
}

/** The feature flags and settings cdk.json gives the CLI, so tests build the same stack. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface BuildAppOptions {
  /** false: no esbuild, no built-in CloudFormation validation (fast template tests). Default true. */
  bundling?: boolean;
  /** Extra context, e.g. { stravaClientId: '123' }. */
  context?: Record<string, unknown>;
  /** The routing table; default FUNCTIONS (tests build stacks from their own specs). */
  functions?: FunctionSpec[];
}

export function buildApp(options: BuildAppOptions = {}): { app: App; stack: RunnudgeStack } {
  const bundling = options.bundling ?? true;
  const app = new App({
    ...(bundling ? {} : { builtinCloudFormationValidation: false }),
    context: {
      ...cdkJsonContext(),
      ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stack = new RunnudgeStack(app, 'Runnudge', {
    description: 'runnudge: injury-prevention nudges for runners',
    bundling,
    ...(options.functions && { functions: options.functions }),
  });
  return { app, stack };
}
