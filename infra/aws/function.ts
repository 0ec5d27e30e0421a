/**
 * One Lambda with the project's defaults: Node 24 on arm64, an ESM bundle built locally by esbuild
 * (AWS SDK bundled, pinned to the lock file's versions), X-Ray tracing, and its own log group with a
 * retention. Every function gets its own role with no AWS managed policy: the only baseline right is
 * writing to its own log group; everything else comes from the binders in bindings.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../wiring.js';
import { acknowledge, iam5Resource } from './nag.js';

/**
 * The esbuild settings of every Lambda bundle, beside CDK's own (format ESM, AWS SDK bundled). The
 * bench and the bundle-contents test build with exactly these (bench/esbuild.ts), so what they
 * measure is what deploys.
 */
export const LAMBDA_BUNDLE = { target: 'node24', mainFields: ['module', 'main'], minify: true, keepNames: true } as const;

/** ESM bundles have no `require`; CommonJS dependencies that call it need one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __runnudgeCreateRequire } from 'node:module';const require = __runnudgeCreateRequire(import.meta.url);";

export interface RunnudgeFunctionProps {
  spec: FunctionSpec;
  /** Repository root: entries in wiring are relative to it, and it holds package-lock.json. */
  projectRoot: string;
  /**
   * false: skip esbuild (tests). A placeholder inline handler stands in for an entry that does not
   * exist yet, so the template can be checked before every handler is written.
   */
  bundling: boolean;
  environment?: Record<string, string>;
  /** Settings for asynchronous invocations (EventBridge rules and Scheduler invoke asynchronously). */
  async?: Pick<lambda.FunctionOptions, 'onFailure' | 'retryAttempts' | 'maxEventAge'>;
}

export class RunnudgeFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly spec: FunctionSpec;

  constructor(scope: Construct, id: string, props: RunnudgeFunctionProps) {
    super(scope, id);
    const { spec } = props;
    this.spec = spec;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role of our own instead of AWSLambdaBasicExecutionRole (AwsSolutions-IAM4): logs go to this
    // function's log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `runnudge ${spec.name}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const entry = join(props.projectRoot, spec.entry);
    const placeholder = !props.bundling && !existsSync(entry);

    this.fn = new NodejsFunction(this, 'Function', {
      description: `runnudge ${spec.name}`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      ...(spec.reservedConcurrency !== undefined && { reservedConcurrentExecutions: spec.reservedConcurrency }),
      role: this.role,
      logGroup: this.logGroup,
      // Active tracing adds xray:PutTraceSegments/PutTelemetryRecords on "*" to the role (acknowledged below).
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: spec.name,
        ...props.environment,
      },
      ...props.async,
      ...(placeholder
        ? {
            code: lambda.Code.fromInline('exports.handler = async () => { throw new Error("placeholder"); };'),
            handler: 'index.handler',
          }
        : {
            entry,
            handler: 'handler',
            projectRoot: props.projectRoot,
            depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
            bundling: {
              format: OutputFormat.ESM,
              ...LAMBDA_BUNDLE,
              mainFields: [...LAMBDA_BUNDLE.mainFields],
              sourceMap: false,
              externalModules: [],
              bundleAwsSDK: true,
              forceDockerBundling: false,
              banner: ESM_REQUIRE_BANNER,
            },
          }),
    });
    acknowledge(
      this.fn,
      'Serverless-LambdaDLQ',
      props.async
        ? 'Asynchronous failures go to an on-failure destination (the stack’s dead-letter queue), which keeps the request, the response and the error; a DLQ as well would put every failed event in the queue twice.'
        : 'Invoked synchronously only (API Gateway): the caller gets the error, and a dead-letter queue only ever receives asynchronous invocations.',
    );
    acknowledge(
      this.role,
      iam5Resource('*'),
      'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource scoping.',
    );
  }

  addEnvironment(name: string, value: string): void {
    this.fn.addEnvironment(name, value);
  }
}
