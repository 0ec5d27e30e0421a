import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';

/**
 * With a public PUBLIC_URL (a tunnel for real Strava webhooks), /dev/* would expose every runner's
 * phone number and let anyone move the clock: the runtime turns it off unless told otherwise.
 */
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    port: 0,
    dataDir: ':memory:',
    env: { PUBLIC_URL: 'https://runnudge-dev.example.org' },
    log: () => undefined,
  });
});
afterAll(() => runtime?.stop());

it('serves no dev endpoints behind a public URL', async () => {
  for (const [method, path] of [
    ['GET', '/dev/outbox'],
    ['POST', '/dev/clock'],
    ['POST', '/dev/jobs/due-messages'],
  ] as const) {
    const res = await fetch(`${runtime.url}${path}`, { method, body: method === 'POST' ? '{"now":null}' : undefined });
    expect(res.status, path).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/DEV_ENDPOINTS/);
  }
  // The service itself is unaffected.
  expect((await fetch(`${runtime.url}/settings`)).status).toBe(200);
});
