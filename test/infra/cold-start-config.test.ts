/**
 * Every Lambda must be able to build its ports (functions/<name>/ports.ts) from exactly the
 * environment the stack gives it:
 * a function the stack gives no secret must not need one at cold start, and the values the stack
 * sets must pass the configuration schema. (CloudFormation references become placeholder strings.)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/stack.js';
import type { Composition } from '../../shared/app/capabilities/compose.js';
import { REPO_ROOT } from '../../infra/local/handlers.js';
import { FUNCTIONS } from '../../infra/wiring.js';

type Env = Record<string, unknown>;
let envs: { id: string; name: string; env: Env }[];

beforeAll(() => {
  const { stack } = buildApp({ bundling: false, context: { stravaClientId: '12345', stravaSubscriptionId: '678' } });
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  envs = Object.entries(resources).map(([id, r]) => ({
    id,
    name: String((r as { Properties: { Description?: string } }).Properties.Description).replace(/^runnudge /, ''),
    env: (r as { Properties: { Environment?: { Variables?: Env } } }).Properties.Environment?.Variables ?? {},
  }));
});

/** Stands in for what CloudFormation resolves at deploy time. */
function resolve(env: Env): Record<string, string> {
  const placeholder: Record<string, string> = {
    EVENT_BUS_NAME: 'runnudge-bus',
    TOKEN_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    APP_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:runnudge-app-AbCdEf',
    STRAVA_CLIENT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:runnudge-strava-client-AbCdEf',
    STRAVA_VERIFY_TOKEN_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:runnudge-strava-verify-AbCdEf',
    TABLE_NAME: 'runnudge-table',
    PUBLIC_URL: 'https://abc123.execute-api.us-east-1.amazonaws.com',
    EMAIL_TOPIC_PREFIX_ARN: 'arn:aws:sns:us-east-1:123456789012:runnudge-runner-',
  };
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : (placeholder[k] ?? 'resolved')]));
}

it('has one Lambda per function in the routing table', () => {
  expect(envs).toHaveLength(FUNCTIONS.length);
});

/** The function's own composition, next to its handler. */
async function portsOf(name: string): Promise<
  Composition<{
    config: { BUS: string; NOTIFY: string };
    secrets?: { appSecret: string; stravaClientSecret?: string; stravaVerifyToken?: string };
  }>
> {
  const fn = FUNCTIONS.find((f) => f.name === name);
  if (!fn) throw new Error(`no function ${name} in the routing table`);
  const file = path.join(REPO_ROOT, path.dirname(fn.entry), 'ports.ts');
  return ((await import(pathToFileURL(file).href)) as { ports: never }).ports;
}

it('every function builds its ports at cold start from the environment the stack sets', async () => {
  const secrets = mockClient(SecretsManagerClient);
  const value: Record<string, string> = {
    'runnudge-app': 'x'.repeat(32),
    'runnudge-strava-client': 's',
    'runnudge-strava-verify': 'v',
  };
  secrets.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => ({
    SecretString: value[/secret:(.*)-AbCdEf$/.exec(input.SecretId)![1]!],
  }));
  process.env['AWS_REGION'] = 'us-east-1';
  for (const { id, name, env } of envs) {
    const ports = await portsOf(name);
    const ctx = await ports.build(resolve(env)).catch((err: unknown) => {
      throw new Error(`${id}: ${err instanceof Error ? err.message : String(err)}`);
    });
    expect(ctx.config.BUS, id).toBe('eventbridge');
    expect(ctx.config.NOTIFY, id).toBe('sns');
    // Only functions given the secrets compose them, and those can sign links and sessions.
    if (env['APP_SECRET_ARN'] !== undefined) expect(ctx.secrets?.appSecret, id).toHaveLength(32);
    else if (ctx.secrets) expect(() => ctx.secrets!.appSecret, id).toThrow(/APP_SECRET/);
    if (env['STRAVA_CLIENT_SECRET_ARN'] !== undefined) expect(ctx.secrets?.stravaClientSecret, id).toBe('s');
    if (env['STRAVA_VERIFY_TOKEN_ARN'] !== undefined) expect(ctx.secrets?.stravaVerifyToken, id).toBe('v');
  }
  secrets.restore();
});
