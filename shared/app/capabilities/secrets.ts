import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, type Config, SECRETS } from '../../config.js';

/** The secrets a function was given: session and link signing, Strava's client secret, the webhook verify token. */
export interface AppSecrets {
  appSecret: string;
  stravaClientSecret: string | undefined;
  stravaVerifyToken: string | undefined;
}

/**
 * Secrets Manager on AWS (one plain-string secret per value, read only where the function has its
 * ARN, which infra/aws grants together with read access); plain environment variables locally.
 */
export async function appSecrets(config: Config): Promise<AppSecrets> {
  const values: Record<string, string | undefined> = {};
  let client: SecretsManagerClient | undefined;
  await Promise.all(
    Object.values(SECRETS).map(async ({ value, arn }) => {
      values[value] = config[value];
      const secretId = config[arn];
      if (!secretId) return;
      client ??= new SecretsManagerClient({});
      const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      values[value] = out.SecretString?.trim() || undefined;
    }),
  );
  const appSecret = values[SECRETS.app.value];
  const problem = 'Invalid configuration: APP_SECRET is missing or shorter than 16 characters';
  // A function given the app secret fails at cold start when it is wrong; one without 'app' in its
  // access.secrets (infra/wiring.ts) fails only if it ever reaches for it.
  const meantToHave = config.APP_SECRET_ARN !== undefined || config.APP_SECRET !== undefined;
  if (meantToHave && (!appSecret || appSecret.length < 16)) throw new ConfigError(problem);
  return {
    get appSecret(): string {
      if (!appSecret || appSecret.length < 16) throw new ConfigError(`${problem} (is 'app' in this function's access.secrets?)`);
      return appSecret;
    },
    stravaClientSecret: values[SECRETS['strava-client'].value],
    stravaVerifyToken: values[SECRETS['strava-verify'].value],
  };
}
