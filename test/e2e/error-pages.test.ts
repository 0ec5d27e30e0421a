import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * The local runtime's own answers (no function reached) follow the same rule as the functions:
 * browser routes get a page, `/api/*`, `/webhooks/*` and `/dev/*` the JSON error. And signing out.
 */
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
});
afterAll(async () => runtime?.stop());

const isPage = async (res: Response, title: string) => {
  expect(res.headers.get('content-type')).toContain('text/html');
  const text = await res.text();
  expect(text).toContain(`<h1>${title}</h1>`);
  expect(text).toContain('<a class="button" href="');
  expect(text).not.toContain('"error"');
};

describe('the runtime answers what no route takes', () => {
  it('an unknown browser path is a 404 page; an unknown /api or /webhooks path a JSON 404', async () => {
    const page = await fetch(`${runtime.url}/settingz`);
    expect(page.status).toBe(404);
    await isPage(page, 'Page not found');
    for (const path of ['/api/nope', '/webhooks/nope']) {
      const res = await fetch(`${runtime.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('a method a browser path does not take is a 405 page; on /api it is JSON', async () => {
    const page = await fetch(`${runtime.url}/settings`, { method: 'DELETE' });
    expect(page.status).toBe(405);
    await isPage(page, 'This page cannot do that');
    const api = await fetch(`${runtime.url}/api/me/settings`, { method: 'GET' });
    expect(api.status).toBe(405);
    expect(await api.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('a body over the limit on a browser path is a 413 page', async () => {
    const res = await fetch(`${runtime.url}/c/${'A'.repeat(47)}`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    await isPage(res, 'That was too much to send');
  });
});

describe('signing out', () => {
  it('POST /signout clears the session and sends the browser to /; the runner is still there', async () => {
    const client = new RuntimeClient(runtime);
    expect((await client.connectStrava()).status).toBe(302);
    expect((await client.json('PUT', '/api/me/settings', { timeZone: 'Europe/Berlin' })).status).toBe(200);
    const origin = new URL(runtime.url).origin;

    const out = await client.request('POST', '/signout', undefined, { origin });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/');
    expect(out.headers.get('set-cookie')).toMatch(/rn_session=;.*Max-Age=0/);
    expect((await client.json('GET', '/api/me')).status).toBe(401);
    const root = await fetch(`${runtime.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/settings');

    const again = new RuntimeClient(runtime);
    expect((await again.connectStrava()).status).toBe(302);
    const me = await again.json<{ settings: { timeZone: string } }>('GET', '/api/me');
    expect(me.body.settings.timeZone).toBe('Europe/Berlin');
  });

  it('a sign-out posted from another site is refused with a page', async () => {
    const res = await fetch(`${runtime.url}/signout`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    await isPage(res, 'Not carried out');
  });
});
