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

/** The runners' email topics and their subscriptions as cdk-nag renders them (bindings.ts emailTopicsArn / emailSubscriptionsArn). */
export const EMAIL_TOPICS_FINDING = 'arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:runnudge-runner-*';
export const EMAIL_SUBSCRIPTIONS_FINDING = `${EMAIL_TOPICS_FINDING}:*`;

const EMAIL_TOPICS_REASON =
  'One SNS topic per runner (runnudge-runner-<runnerId>), created at run time when the runner saves an email address, so no ARN exists at deploy time; the wildcard is bounded to this account, this region and the runnudge-runner- name prefix.';

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
    const { access } = f.spec;
    ack(
      f.role,
      'AwsSolutions-IAM5[Resource::*]',
      access.sendSms && !access.sendEmail
        ? 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource scoping; sns:Publish straight to a phone number is authorized against "*" (a phone number has no ARN), and an explicit Deny on arn:aws:sns:*:*:* keeps it from topics and endpoints.'
        : 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource scoping.',
    );
    if (access.sendEmail || access.manageEmailSubscriptions) {
      ack(
        f.role,
        `AwsSolutions-IAM5[Resource::${EMAIL_TOPICS_FINDING}]`,
        `${access.sendEmail ? 'sns:Publish of email to the runner’s own topic' : ''}${access.sendEmail && access.manageEmailSubscriptions ? '; ' : ''}${access.manageEmailSubscriptions ? 'create, subscribe, list, set the SSL-only policy and delete runner email topics' : ''}. ${EMAIL_TOPICS_REASON}`,
      );
    }
    if (access.manageEmailSubscriptions) {
      ack(
        f.role,
        `AwsSolutions-IAM5[Resource::${EMAIL_SUBSCRIPTIONS_FINDING}]`,
        `sns:Unsubscribe only, which is authorized on the subscription ARN (<topic ARN>:<subscription id>, the id chosen by SNS), to move a runner's subscription when they change address. ${EMAIL_TOPICS_REASON}`,
      );
    }
  }
}
