import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { httpHandler } from '../../shared/app/middleware.js';
import { parseWebhookEvent } from '../../shared/adapters/strava/schemas.js';
import { jsonBody, query } from '../../shared/http/request.js';
import { HttpError } from '../../shared/http/errors.js';
import { error, json } from '../../shared/http/response.js';
import { constantTimeEqual } from '../../shared/signing/tokens.js';
import { receiveStravaEvent } from '../../shared/usecases/receive-strava-event.js';

/**
 * Strava's webhook: GET validates the subscription (echo hub.challenge when the verify token matches),
 * POST receives an event and hands it to the bus before answering 200 (Strava's limit is 2 s).
 */
export const handler = httpHandler(async (event: APIGatewayProxyEventV2) => {
  const ctx = await ports();
  if (event.requestContext.http.method === 'GET') {
    const expected = ctx.secrets.stravaVerifyToken;
    const given = query(event, 'hub.verify_token');
    const challenge = query(event, 'hub.challenge');
    if (query(event, 'hub.mode') !== 'subscribe' || !challenge) {
      return error(400, 'invalid_validation_request', 'Expected hub.mode=subscribe and a hub.challenge');
    }
    if (!expected || !given || !constantTimeEqual(given, expected)) {
      return error(403, 'forbidden', 'The verify token does not match');
    }
    return json(200, { 'hub.challenge': challenge });
  }

  const parsed = parseWebhookEvent(jsonBody(event));
  if (!parsed.ok) throw new HttpError(400, 'invalid_event', `Not a Strava event: ${parsed.issues.join('; ')}`);
  const outcome = await receiveStravaEvent(parsed.event, {
    runners: ctx.runners,
    dedupe: ctx.dedupe,
    publisher: ctx.publisher,
    clock: ctx.clock,
    subscriptionId: ctx.config.STRAVA_SUBSCRIPTION_ID,
  });
  logger.info('strava event', { objectType: parsed.event.object_type, aspect: parsed.event.aspect_type, ...outcome });
  return json(200, outcome.status === 'published' ? { received: true } : { received: true, ignored: outcome.reason });
});
