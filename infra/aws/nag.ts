/**
 * cdk-nag (AwsSolutions) acknowledgements, each with its reason. Everything else is fixed in the
 * stack itself: SSL-only and encrypted queue, PITR, access logs, throttling, own roles instead of
 * AWSLambdaBasicExecutionRole, the GSI granted by name instead of `/index/*`, the scheduler granted
 * the function's ARN instead of `<arn>:*`.
 *
 * cdk-nag 3 matches acknowledgements by exact rule id; IAM5 findings carry their resource or
 * action in brackets, e.g. `AwsSolutions-IAM5[Resource::*]`.
 */
import { Validations } from 'aws-cdk-lib';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IConstruct } from 'constructs';
import type { RunnudgeStack } from './stack.js';

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/**
 * Why a route has no API Gateway authorizer, by path family. A route outside these families stays
 * unacknowledged, so `cdk synth` fails (AwsSolutions-APIG4) until someone decides how it is protected.
 */
export const PUBLIC_ROUTE_REASONS: ReadonlyArray<{ prefix: string; reason: string }> = [
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
];

export function acknowledgePublicRoute(route: HttpRoute, path: string): void {
  const known = PUBLIC_ROUTE_REASONS.find((r) => path === r.prefix || path.startsWith(r.prefix));
  if (known) ack(route, 'AwsSolutions-APIG4', known.reason);
}

export function acknowledgeStackFindings(stack: RunnudgeStack): void {
  ack(
    stack.appSecrets,
    'AwsSolutions-SMG4',
    'No automatic rotation: the Strava client secret and verify token are issued and changed at Strava, and rotating APP_SECRET would sign every runner out and void links already sent; rotate by hand.',
  );
  ack(
    stack.deadLetterQueue,
    'AwsSolutions-SQS3',
    'This queue is itself the dead-letter queue (of the bus rules, the schedules and the functions’ async on-failure destination).',
  );
  for (const f of stack.functions.values()) {
    ack(
      f.role,
      'AwsSolutions-IAM5[Resource::*]',
      f.spec.access.sendSms
        ? 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource scoping; sns:Publish straight to a phone number is authorized against "*" (a phone number has no ARN), and an explicit Deny on arn:aws:sns:*:*:* keeps it from topics and endpoints.'
        : 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource scoping.',
    );
  }
}
