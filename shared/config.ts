import * as z from 'zod';

/**
 * The environment every handler reads at cold start, validated once. The CDK stack sets these on
 * each Lambda (only what its Access in infra/wiring.ts allows); the local runtime sets the same names
 * before it loads the handlers. Secrets on AWS come from Secrets Manager, one secret per value (see
 * SECRETS), so each function can read only the ones it needs; locally from the environment.
 */
export const ENV = {
  TABLE_NAME: 'TABLE_NAME',
  DYNAMODB_ENDPOINT: 'DYNAMODB_ENDPOINT',
  BUS: 'BUS',
  EVENT_BUS_NAME: 'EVENT_BUS_NAME',
  NOTIFY: 'NOTIFY',
  CIPHER: 'CIPHER',
  TOKEN_KEY_ID: 'TOKEN_KEY_ID',
  APP_SECRET_ARN: 'APP_SECRET_ARN',
  STRAVA_CLIENT_SECRET_ARN: 'STRAVA_CLIENT_SECRET_ARN',
  STRAVA_VERIFY_TOKEN_ARN: 'STRAVA_VERIFY_TOKEN_ARN',
  APP_SECRET: 'APP_SECRET',
  STRAVA_CLIENT_ID: 'STRAVA_CLIENT_ID',
  STRAVA_CLIENT_SECRET: 'STRAVA_CLIENT_SECRET',
  STRAVA_VERIFY_TOKEN: 'STRAVA_VERIFY_TOKEN',
  STRAVA_SUBSCRIPTION_ID: 'STRAVA_SUBSCRIPTION_ID',
  STRAVA_API_URL: 'STRAVA_API_URL',
  STRAVA_OAUTH_URL: 'STRAVA_OAUTH_URL',
  PUBLIC_URL: 'PUBLIC_URL',
  EMAIL: 'EMAIL',
  SES_FROM: 'SES_FROM',
  EMAIL_TOPIC_PREFIX_ARN: 'EMAIL_TOPIC_PREFIX_ARN',
  STRAVA_READS_PER_ATHLETE: 'STRAVA_READS_PER_ATHLETE',
} as const;

/**
 * The secrets, each its own Secrets Manager secret on AWS (a plain string), named in a function's
 * `access.secrets` (infra/wiring.ts): the function gets read access to that secret and its ARN in
 * `arn`; locally the value itself is in `value`.
 */
export const SECRETS = {
  /** Signs session cookies, OAuth state and the links in texts and emails (and keys the local cipher). */
  app: { value: 'APP_SECRET', arn: 'APP_SECRET_ARN' },
  /** Strava's client secret: only for Strava's token endpoint (code exchange and refresh). */
  'strava-client': { value: 'STRAVA_CLIENT_SECRET', arn: 'STRAVA_CLIENT_SECRET_ARN' },
  /** The token Strava echoes when the webhook subscription is validated. */
  'strava-verify': { value: 'STRAVA_VERIFY_TOKEN', arn: 'STRAVA_VERIFY_TOKEN_ARN' },
} as const;
export type SecretName = keyof typeof SECRETS;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const configSchema = z.object({
  TABLE_NAME: z.string().min(1),
  DYNAMODB_ENDPOINT: optionalString,
  BUS: z.enum(['eventbridge', 'local']).default('eventbridge'),
  EVENT_BUS_NAME: optionalString,
  NOTIFY: z.enum(['sns', 'outbox']).default('sns'),
  CIPHER: z.enum(['kms', 'aes']).default('kms'),
  TOKEN_KEY_ID: optionalString,
  APP_SECRET_ARN: optionalString,
  STRAVA_CLIENT_SECRET_ARN: optionalString,
  STRAVA_VERIFY_TOKEN_ARN: optionalString,
  APP_SECRET: optionalString,
  STRAVA_CLIENT_ID: optionalString,
  STRAVA_CLIENT_SECRET: optionalString,
  STRAVA_VERIFY_TOKEN: optionalString,
  STRAVA_SUBSCRIPTION_ID: optionalString.pipe(z.string().regex(/^\d+$/).optional()),
  STRAVA_API_URL: z.url().default('https://www.strava.com/api/v3'),
  STRAVA_OAUTH_URL: z.url().default('https://www.strava.com/oauth'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  /**
   * Strava reads (activity fetches, delete checks) one athlete's events may spend per quarter hour;
   * past it their events wait for one list of their activities. 10 of the default tier's 100 per
   * quarter hour: no athlete's flood can take more than a tenth of the app's window.
   */
  STRAVA_READS_PER_ATHLETE: z.coerce.number().int().min(1).max(1000).default(10),
  /** How email leaves on AWS: the runner's SNS topic (plain text, default) or SES (HTML, needs SES_FROM). */
  EMAIL: z.enum(['sns', 'ses']).default('sns'),
  /** The verified SES sender (an address); required when EMAIL=ses. */
  SES_FROM: optionalString.pipe(z.email().optional()),
  /**
   * `arn:<partition>:sns:<region>:<account>:runnudge-runner-`: runner email topics are this + runner
   * id (shared/adapters/notify/email-topics.ts). Set by the stack on functions that send email or
   * manage subscriptions; those adapters name it when it is missing.
   */
  EMAIL_TOPIC_PREFIX_ARN: optionalString.pipe(
    z
      .string()
      .regex(
        /^arn:[a-z-]+:sns:[a-z0-9-]+:\d{12}:runnudge-runner-$/,
        'expected arn:<partition>:sns:<region>:<account>:runnudge-runner-',
      )
      .optional(),
  ),
});

export type Config = z.infer<typeof configSchema>;

/** The environment is missing or malforms a setting: the message names each one. Thrown at cold start. */
export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Parses the environment; the error names every missing or malformed variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const config = result.data;
  const missing: string[] = [];
  if (config.BUS === 'eventbridge' && !config.EVENT_BUS_NAME) missing.push('EVENT_BUS_NAME (BUS=eventbridge)');
  if (config.CIPHER === 'kms' && !config.TOKEN_KEY_ID) missing.push('TOKEN_KEY_ID (CIPHER=kms)');
  if (config.EMAIL === 'ses' && !config.SES_FROM) missing.push('SES_FROM (EMAIL=ses)');
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: missing ${missing.join(', ')}`);
  return config;
}
