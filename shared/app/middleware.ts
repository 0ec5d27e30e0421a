import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from '../http/errors.js';
import { error, html, type HttpResult } from '../http/response.js';
import { isCrossSiteWrite } from '../http/same-origin.js';
import { page } from '../web/layout.js';
import { logger } from './logger.js';
import { correlationOf, withCorrelation } from './telemetry/correlation.js';
import { metrics } from './telemetry/metrics.js';

type HttpFn = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/** Maps thrown HttpErrors to the contract's JSON errors; anything else is a logged 500. */
const httpErrors = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const err = request.error;
    if (err instanceof HttpError) {
      request.response = error(err.statusCode, err.code, err.message, err.fields);
      return;
    }
    logger.error('unhandled error', { error: err instanceof Error ? err.message : String(err) });
    request.response = error(500, 'internal', 'Something went wrong on our side; please try again.');
  },
});

/** Refuses a state-changing request another site's page sent with the runner's cookies (shared/http/same-origin.ts). */
const sameOrigin = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  before: async (request) => {
    if (!isCrossSiteWrite(request.event)) return;
    logger.warn('cross-site write refused', { path: request.event.requestContext.routeKey });
    const message = 'This request came from another website, so it was not carried out.';
    return request.event.rawPath.startsWith('/api/')
      ? error(403, 'cross_site', message)
      : html(
          403,
          page(
            'Not carried out',
            `<h1>Not carried out</h1><p>${message} If you meant to do this, open runnudge directly and try again.</p><p><a href="/settings">Go to your settings</a></p>`,
          ),
        );
  },
});

/**
 * An HTTP API handler with the project's cross-cutting parts: context-aware logging, the same-origin
 * check on state-changing requests, and error mapping.
 */
export function httpHandler(fn: HttpFn) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpErrors())
    .use(logMetrics(metrics))
    .use(sameOrigin())
    .handler((event, context) =>
      withCorrelation(event.headers?.['x-correlation-id'] ?? event.requestContext?.requestId, () => fn(event, context)),
    );
}

/**
 * A bus-event or scheduled-job handler: logging, metrics, and the correlation id the event carries;
 * errors propagate so the trigger retries.
 */
export function backgroundHandler<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler((event, context) => withCorrelation(correlationOf(event), () => fn(event, context)));
}
