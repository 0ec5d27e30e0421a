import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from '../http/errors.js';
import { error, type HttpResult } from '../http/response.js';
import { logger } from './logger.js';

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

/** An HTTP API handler with the project's cross-cutting parts: context-aware logging and error mapping. */
export function httpHandler(fn: HttpFn) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpErrors())
    .handler(fn);
}

/** A bus-event or scheduled-job handler: logging only; errors propagate so the trigger retries. */
export function backgroundHandler<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(fn);
}
