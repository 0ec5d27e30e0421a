import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { ConfigError, SECRET_KEYS, type Config } from '../../config.js';

/** The app secrets: session and link signing, Strava's client secret and webhook verify token. */
export interface AppSecrets {
  appSecret: string;
  stravaClientSecret: string | undefined;
  stravaVerifyToken: string | undefined;
}

const secretJson = z.object(Object.fromEntries(SECRET_KEYS.map((k) => [k, z.string().optional()])));

/** Secrets Manager on AWS (one JSON secret, APP_SECRETS_ARN); plain environment variables locally. */
export async function appSecrets(config: Config): Promise<AppSecrets> {
  let values: Partial<Record<(typeof SECRET_KEYS)[number], string | undefined>> = {
    APP_SECRET: config.APP_SECRET,
    STRAVA_CLIENT_SECRET: config.STRAVA_CLIENT_SECRET,
    STRAVA_VERIFY_TOKEN: config.STRAVA_VERIFY_TOKEN,
  };
  if (config.APP_SECRETS_ARN) {
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: config.APP_SECRETS_ARN }));
    values = { ...values, ...secretJson.parse(JSON.parse(out.SecretString ?? '{}')) };
  }
  const appSecret = values.APP_SECRET;
  const problem = 'Invalid configuration: APP_SECRET is missing or shorter than 16 characters';
  // A function given the secrets fails at cold start when they are wrong; one that composes them
  // without access.secrets in infra/wiring.ts fails only if it ever reaches for the app secret.
  const meantToHave = config.APP_SECRETS_ARN !== undefined || config.APP_SECRET !== undefined;
  if (meantToHave && (!appSecret || appSecret.length < 16)) throw new ConfigError(problem);
  return {
    get appSecret(): string {
      if (!appSecret || appSecret.length < 16) throw new ConfigError(`${problem} (does this function have access.secrets?)`);
      return appSecret;
    },
    stravaClientSecret: values.STRAVA_CLIENT_SECRET,
    stravaVerifyToken: values.STRAVA_VERIFY_TOKEN,
  };
}
