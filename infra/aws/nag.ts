/**
 * How the stack acknowledges cdk-nag findings, and the reviewed reasons for public routes. Each
 * acknowledgement is written where its cause is: a function's rights next to the binder that grants
 * them (bindings.ts), X-Ray next to the tracing setting (function.ts), a resource's next to that
 * resource (stack.ts). Everything else is fixed rather than acknowledged: SSL-only and encrypted
 * queue, PITR, access logs, throttling, own roles instead of AWSLambdaBasicExecutionRole, the GSI
 * granted by name instead of `/index/*`, the scheduler granted the function's ARN instead of `<arn>:*`.
 *
 * cdk-nag 3 matches acknowledgements by exact rule id; IAM5 findings carry their resource or
 * action in brackets, e.g. `AwsSolutions-IAM5[Resource::*]` (iam5Resource below). An acknowledgement
 * on a construct covers every resource under it, so one on a function's role covers its policy.
 *
 * This file imports nothing from the stack: the stack and the binders import it.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The rule id of an IAM5 wildcard-resource finding. cdk-nag renders pseudo parameters in the ARN as
 * `<AWS::Partition>`, `<AWS::Region>`, `<AWS::AccountId>`.
 */
export const iam5Resource = (renderedArn: string): string => `AwsSolutions-IAM5[Resource::${renderedArn}]`;

/**
 * Why a route has no API Gateway authorizer, by path family. A route outside these families stays
 * unacknowledged, so `cdk synth` fails (AwsSolutions-APIG4) until someone decides how it is protected.
 */
export const PUBLIC_ROUTE_REASONS: ReadonlyArray<{ prefix: string; reason: string; exact?: boolean }> = [
  {
    prefix: '/',
    exact: true,
    reason: 'The site root only redirects to /settings; it reads no data.',
  },
  {
    prefix: '/webhooks/',
    reason:
      'Strava calls the webhook without credentials (it cannot send auth headers): the GET validation is checked against STRAVA_VERIFY_TOKEN and POST events against the subscription id, and events are only handed to the bus.',
  },
  {
    prefix: '/connect/',
    reason:
      'The OAuth start and callback must be reachable before the runner has a session: the state parameter is signed with APP_SECRET and the code is exchanged server-side.',
  },
  {
    prefix: '/settings',
    reason:
      "Authenticated by the app's own signed session cookie (HMAC with APP_SECRET), checked in the function; an authorizer would add a second Lambda per request for the same check.",
  },
  {
    prefix: '/api/',
    reason:
      "Authenticated by the app's own signed session cookie (HMAC with APP_SECRET), checked in the function; an authorizer would add a second Lambda per request for the same check.",
  },
  {
    prefix: '/c/',
    reason: 'One-tap link sent by text: its signed, expiring token is the credential.',
  },
  {
    prefix: '/signout',
    reason:
      'Only clears the session cookie in the browser that sends it (no data is read or changed); a cross-site POST is refused by the same-origin check.',
  },
  {
    prefix: '/deleted',
    reason: 'A static confirmation page shown after an account is deleted: it reads no data and needs no session.',
  },
];

/** Acknowledges AwsSolutions-APIG4 on a route whose path is in a reviewed public family. */
export function acknowledgePublicRoute(route: IConstruct, path: string): void {
  const known = PUBLIC_ROUTE_REASONS.find((r) => path === r.prefix || (!r.exact && path.startsWith(r.prefix)));
  if (known) acknowledge(route, 'AwsSolutions-APIG4', known.reason);
}
