/**
 * Every Lambda must be able to build its context from exactly the environment the stack gives it:
 * a function the stack gives no secret must not need one at cold start, and the values the stack
 * sets must pass the configuration schema. (CloudFormation references become placeholder strings.)
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/stack.js';
import { buildContext } from '../../shared/app/context.js';
import { FUNCTIONS } from '../../infra/wiring.js';

type Env = Record<string, unknown>;
let envs: { id: string; env: Env }[];

beforeAll(() => {
  const { stack } = buildApp({ bundling: false, context: { stravaClientId: '12345', stravaSubscriptionId: '678' } });
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  envs = Object.entries(resources).map(([id, r]) => ({
    id,
    env: (r as { Properties: { Environment?: { Variables?: Env } } }).Properties.Environment?.Variables ?? {},
  }));
});

/** Stands in for what CloudFormation resolves at deploy time. */
function resolve(env: Env): Record<string, string> {
  const placeholder: Record<string, string> = {
    EVENT_BUS_NAME: 'runnudge-bus',
    TOKEN_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    APP_SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:runnudge-app-AbCdEf',
    TABLE_NAME: 'runnudge-table',
    PUBLIC_URL: 'https://abc123.execute-api.us-east-1.amazonaws.com',
    EMAIL_TOPIC_PREFIX_ARN: 'arn:aws:sns:us-east-1:123456789012:runnudge-runner-',
  };
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : (placeholder[k] ?? 'resolved')]));
}

it('has one Lambda per function in the routing table', () => {
  expect(envs).toHaveLength(FUNCTIONS.length);
});

it('every function builds its context at cold start from the environment the stack sets', async () => {
  const secrets = mockClient(SecretsManagerClient);
  secrets.on(GetSecretValueCommand).resolves({
    SecretString: JSON.stringify({ APP_SECRET: 'x'.repeat(32), STRAVA_CLIENT_SECRET: 's', STRAVA_VERIFY_TOKEN: 'v' }),
  });
  process.env['AWS_REGION'] = 'us-east-1';
  for (const { id, env } of envs) {
    const ctx = await buildContext(resolve(env)).catch((err: unknown) => {
      throw new Error(`${id}: ${err instanceof Error ? err.message : String(err)}`);
    });
    expect(ctx.config.BUS, id).toBe('eventbridge');
    expect(ctx.config.NOTIFY, id).toBe('sns');
    // Only functions given the secrets can sign links and sessions.
    if (env['APP_SECRETS_ARN'] !== undefined) expect(ctx.secrets.appSecret, id).toHaveLength(32);
    else expect(() => ctx.secrets.appSecret, id).toThrow(/access\.secrets/);
  }
  secrets.restore();
});
