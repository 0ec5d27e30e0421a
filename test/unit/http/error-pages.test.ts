import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../infra/local/lambda-context.js';
import { FUNCTIONS } from '../../../infra/wiring.js';
import { httpHandler } from '../../../shared/app/middleware.js';
import { isBrowserPath } from '../../../shared/http/browser-paths.js';
import { HttpError } from '../../../shared/http/errors.js';
import type { HttpResult } from '../../../shared/http/response.js';

/**
 * The middleware's error mapping: what a handler throws reaches a browser as a readable page and a
 * program as the contract's JSON, decided by the path alone.
 */
const event = (rawPath: string, method = 'GET'): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method, path: rawPath }, requestId: 'test', routeKey: `${method} ${rawPath}` },
  }) as unknown as APIGatewayProxyEventV2;

const run = async (thrown: unknown, path: string): Promise<HttpResult> => {
  const handler = httpHandler(async () => {
    throw thrown;
  });
  return (await handler(event(path), lambdaContext(FUNCTIONS[0]!))) as HttpResult;
};

const contentType = (r: HttpResult) => String(r.headers?.['content-type']);

describe('which paths are browser routes', () => {
  it.each([
    ['/settings', true],
    ['/settingz', true],
    ['/c/abc', true],
    ['/', true],
    ['/apis', true],
    ['/api/me', false],
    ['/api', false],
    ['/webhooks/strava', false],
    ['/dev/outbox', false],
  ])('%s → browser %s', (path, browser) => expect(isBrowserPath(path)).toBe(browser));
});

describe('errors a handler throws', () => {
  it('a crash on a browser route is a 500 page in plain words that leaks nothing of the error', async () => {
    const res = await run(new Error('ConditionalCheckFailed on pk=RUNNER#secret'), '/settings');
    expect(res.statusCode).toBe(500);
    expect(contentType(res)).toContain('text/html');
    expect(res.body).toContain('Something went wrong on our side');
    expect(res.body).toContain('href="/settings"');
    expect(res.body).not.toContain('RUNNER#secret');
  });

  it('the same crash on /api/* stays the JSON error', async () => {
    const res = await run(new Error('boom'), '/api/me');
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body ?? '')).toMatchObject({ error: { code: 'internal' } });
  });

  it('an HttpError keeps its status; a browser gets the page for its code, a program the JSON', async () => {
    const gone = new HttpError(404, 'runner_not_found', 'This account no longer exists.');
    const page = await run(gone, '/c/token');
    expect(page.statusCode).toBe(404);
    expect(contentType(page)).toContain('text/html');
    expect(page.body).toContain('This account no longer exists');
    expect(page.body).toContain('href="/connect/strava"');
    expect(page.body).not.toContain('runner_not_found');

    const api = await run(new HttpError(400, 'invalid_settings', 'Please fix: phone'), '/api/me/settings');
    expect(api.statusCode).toBe(400);
    expect(JSON.parse(api.body ?? '')).toMatchObject({ error: { code: 'invalid_settings', message: 'Please fix: phone' } });
  });

  it('a 502 on a browser route is a server-error page with the 502 status', async () => {
    const res = await run(new HttpError(502, 'email_subscription_failed', 'x'), '/settings');
    expect(res.statusCode).toBe(502);
    expect(res.body).toContain('Something went wrong on our side');
  });
});
