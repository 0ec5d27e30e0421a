/**
 * The session cookie over https and the same-origin rule, on API Gateway events in AWS's shape
 * (test/fixtures/aws/apigw-http).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from '../../../shared/http/same-origin.js';
import { sessionCookie, sessionRunnerId } from '../../../shared/http/session.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/aws/apigw-http');
const put = (): APIGatewayProxyEventV2 => JSON.parse(readFileSync(path.join(dir, 'put-settings.json'), 'utf8'));
const SECRET = 'a-secret-of-at-least-16-chars';
const NOW = new Date('2026-12-03T07:10:58Z');
const RUNNER = '5f0c8a52-3d2b-4a47-9d7e-2c1b2b6f4a10';

const withHeaders = (event: APIGatewayProxyEventV2, headers: Record<string, string | undefined>) => {
  const next = { ...event, headers: { ...event.headers } };
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete next.headers[k];
    else next.headers[k] = v;
  }
  return next;
};

describe('session cookie', () => {
  it('over https is __Host- prefixed: Secure, Path=/, no Domain', () => {
    const set = sessionCookie(SECRET, RUNNER, NOW, true);
    expect(set).toMatch(/^__Host-rn_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(set).not.toMatch(/domain=/i);
  });

  it('over https only the __Host- cookie signs in: a tossed plain cookie (same valid value) is ignored', () => {
    const token = sessionCookie(SECRET, RUNNER, NOW, true).split(';')[0]!.split('=').slice(1).join('=');
    const hosted = { ...put(), cookies: [`__Host-rn_session=${token}`] };
    const tossed = { ...put(), cookies: [`rn_session=${token}`] };
    expect(sessionRunnerId(hosted, SECRET, NOW, true)).toBe(RUNNER);
    expect(sessionRunnerId(tossed, SECRET, NOW, true)).toBeNull();
  });

  it('on plain http (the local runtime) it has no prefix and no Secure flag', () => {
    expect(sessionCookie(SECRET, RUNNER, NOW, false)).toMatch(/^rn_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
  });
});

describe('same-origin check', () => {
  it("accepts the page's own write (Origin names the host) and refuses another origin's", () => {
    expect(isCrossSiteWrite(put())).toBe(false);
    expect(isCrossSiteWrite(withHeaders(put(), { origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSiteWrite(withHeaders(put(), { origin: 'https://sub.abc123def4.execute-api.us-east-1.amazonaws.com' }))).toBe(
      true,
    );
    expect(isCrossSiteWrite(withHeaders(put(), { origin: 'null' }))).toBe(true);
  });

  it('Sec-Fetch-Site decides when present: same-origin and none pass, same-site and cross-site do not', () => {
    expect(isCrossSiteWrite(withHeaders(put(), { 'sec-fetch-site': 'same-origin', origin: undefined }))).toBe(false);
    expect(isCrossSiteWrite(withHeaders(put(), { 'sec-fetch-site': 'none', origin: undefined }))).toBe(false);
    expect(isCrossSiteWrite(withHeaders(put(), { 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossSiteWrite(withHeaders(put(), { 'sec-fetch-site': 'cross-site' }))).toBe(true);
  });

  it('lets through reads, Strava webhooks and clients that are not browsers (no Origin, no Sec-Fetch-Site)', () => {
    const get = { ...put(), requestContext: { ...put().requestContext, http: { ...put().requestContext.http, method: 'GET' } } };
    expect(isCrossSiteWrite(withHeaders(get, { origin: 'https://evil.example' }))).toBe(false);
    expect(isCrossSiteWrite({ ...withHeaders(put(), { origin: 'https://evil.example' }), rawPath: '/webhooks/strava' })).toBe(
      false,
    );
    expect(isCrossSiteWrite(withHeaders(put(), { origin: undefined }))).toBe(false);
  });
});
