/**
 * The browser-facing defences, black-box through the local runtime on loopback: a page from another
 * site (or a sibling subdomain) cannot change a runner's data with the runner's cookie, a replayed
 * OAuth callback signs nobody in, and pages run only their own scripts and cannot be framed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

let runtime: LocalRuntime;
let client: RuntimeClient;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  client = new RuntimeClient(runtime);
  expect((await client.connectStrava()).status).toBe(302);
  expect((await client.json('PUT', '/api/me/settings', { timeZone: 'Europe/Berlin' })).status).toBe(200);
});
afterAll(async () => runtime?.stop());

const zone = async () => (await client.json<{ settings: { timeZone: string } }>('GET', '/api/me')).body.settings.timeZone;

describe('cross-site requests carrying the runner cookie', () => {
  it('a PUT from another origin is refused with 403 and changes nothing', async () => {
    const res = await client.request('PUT', '/api/me/settings', { timeZone: 'Asia/Tokyo' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cross_site');
    expect(await zone()).toBe('Europe/Berlin');
  });

  it("a sibling subdomain's request (same site, other origin) is refused too", async () => {
    const res = await client.request('PUT', '/api/me/settings', { timeZone: 'Asia/Tokyo' }, { 'sec-fetch-site': 'same-site' });
    expect(res.status).toBe(403);
    const del = await client.request('DELETE', '/api/me', undefined, { 'sec-fetch-site': 'cross-site' });
    expect(del.status).toBe(403);
    expect((await client.json('GET', '/api/me')).status).toBe(200); // still there
    expect(await zone()).toBe('Europe/Berlin');
  });

  it("the page's own requests (same origin) go through", async () => {
    const origin = new URL(runtime.url).origin;
    const byOrigin = await client.request('PUT', '/api/me/settings', { timeZone: 'Europe/Paris' }, { origin });
    expect(byOrigin.status).toBe(200);
    const byFetchSite = await client.request(
      'PUT',
      '/api/me/settings',
      { timeZone: 'Europe/Rome' },
      { 'sec-fetch-site': 'same-origin' },
    );
    expect(byFetchSite.status).toBe(200);
    expect(await zone()).toBe('Europe/Rome');
  });
});

describe('OAuth state', () => {
  it('a callback URL works once: replaying it (same browser, same cookie) signs nobody in', async () => {
    const browser = new RuntimeClient(runtime);
    const callback = await browser.consent('authorize');
    const nonce = browser.jar.get('rn_oauth');
    expect(nonce).toBeDefined();
    const first = await browser.request('GET', callback);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/settings');

    const replay = new RuntimeClient(runtime);
    replay.jar.set('rn_oauth', nonce!);
    const second = await replay.request('GET', callback);
    expect(second.status).toBe(400);
    expect(await second.text()).toContain('already used');
    expect(replay.cookie).toBeUndefined();
  });
});

describe('pages', () => {
  it('run only their own inline script (by hash, no unsafe-inline) and cannot be framed', async () => {
    const res = await client.request('GET', '/settings');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
  });
});
