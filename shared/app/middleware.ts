import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from '../http/errors.js';
import { isBrowserPath } from '../http/browser-paths.js';
import { error, type HttpResult } from '../http/response.js';
import { isCrossSiteWrite } from '../http/same-origin.js';
import { errorPage, errorPageFor } from '../web/error-page.js';
import { logger } from './logger.js';
import { correlationOf, withCorrelation } from './telemetry/correlation.js';
import { metrics } from './telemetry/metrics.js';

type HttpFn = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/**
 * Maps thrown HttpErrors to the contract's JSON errors on program paths and to a readable page on
 * browser paths (shared/web/error-page.ts); anything else is a logged 500.
 */
const httpErrors = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const err = request.error;
    const browser = isBrowserPath(request.event.rawPath ?? '/');
    if (err instanceof HttpError) {
      request.response = browser
        ? errorPageFor(err.statusCode, err.code)
        : error(err.statusCode, err.code, err.message, err.fields);
      return;
    }
    logger.error('unhandled error', { error: err instanceof Error ? err.message : String(err) });
    request.response = browser
      ? errorPage('server-error')
      : error(500, 'internal', 'Something went wrong on our side; please try again.');
  },
});

/** Refuses a state-changing request another site's page sent with the runner's cookies (shared/http/same-origin.ts). */
const sameOrigin = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  before: async (request) => {
    if (!isCrossSiteWrite(request.event)) return;
    logger.warn('cross-site write refused', { path: request.event.requestContext.routeKey });
    return isBrowserPath(request.event.rawPath)
      ? errorPage('cross-site')
      : error(403, 'cross_site', 'This request came from another website, so it was not carried out.');
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
