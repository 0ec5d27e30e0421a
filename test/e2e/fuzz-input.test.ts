import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * "Bad input gets a 4xx, never a 500": 10,000 generated webhook bodies, settings bodies and session
 * cookies against the local runtime. The webhook bodies are Strava-shaped for the connected athlete
 * (any `updates` within the schema's caps, any ids and times) as well as arbitrary JSON; the cookies
 * include broken percent escapes. Seeded, so a failure names a body that can be replayed.
 */
let runtime: LocalRuntime;
let client: RuntimeClient;
let athleteId: number;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  client = new RuntimeClient(runtime);
  await client.setClock('2026-03-03T10:00:00Z');
  expect((await client.connectStrava()).status).toBe(302);
  athleteId = (await client.json<{ athleteId: number }>('GET', '/api/me')).body.athleteId;
});

afterAll(async () => {
  await runtime?.stop();
});

const SEED = 20261202;

/** `updates` as big as the schema allows: up to 32 keys of ≤ 64 chars, values of ≤ 1,024 chars. */
const updates = fc.dictionary(
  fc.string({ maxLength: 64, size: 'large' }),
  fc.oneof(fc.string({ maxLength: 1024, size: 'large' }), fc.string({ maxLength: 64, unit: 'binary' })),
  { maxKeys: 32, size: 'small' },
);

const stravaShaped = fc.record({
  object_type: fc.constantFrom('activity', 'athlete'),
  // A few ids, so the flood of valid events stays a handful of fetches (coalesced per activity).
  object_id: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.maxSafeNat()),
  aspect_type: fc.constantFrom('create', 'update', 'delete'),
  updates: fc.oneof(updates, fc.constant({ authorized: 'false' })),
  owner_id: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })).map((n) => (n === 0 ? athleteId : n)),
  subscription_id: fc.constantFrom(1, 1, 1, 2),
  event_time: fc.oneof(fc.nat(), fc.maxSafeNat()),
});

const webhookBody = fc.oneof(
  { weight: 3, arbitrary: stravaShaped.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
);

const settingsBody = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          phone: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('+4915112345678'), fc.constant(null)),
          timeZone: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Europe/Berlin', 'UTC', null)),
          quietHours: fc.oneof(
            fc.record({ start: fc.string({ maxLength: 6 }), end: fc.string({ maxLength: 6 }) }),
            fc.jsonValue(),
          ),
          units: fc.oneof(fc.constantFrom('meters', 'feet'), fc.jsonValue()),
          channels: fc.oneof(fc.record({ sms: fc.boolean(), email: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()),
          email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 300 })),
          dailyStretch: fc.jsonValue(),
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
);

/** Cookie values a browser or an attacker may send: percent escapes (broken ones too), separators, junk. */
const cookieValue = fc.oneof(
  fc.string({ maxLength: 80, unit: fc.constantFrom('%', 'E', '0', 'A', '4', 'z', '.', '=', '"', '\\', ',', ' ', 'é') }),
  fc.string({ maxLength: 120, unit: 'grapheme-ascii' }),
);

async function statusOf(method: string, path: string, body?: string, cookie?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie !== undefined) headers['cookie'] = cookie;
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(body !== undefined ? { body } : {}),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Runs `count` samples with a few requests in flight; returns every sample that got a 5xx. */
async function fuzz<T>(arb: fc.Arbitrary<T>, count: number, send: (sample: T) => Promise<number>) {
  const samples = fc.sample(arb, { numRuns: count, seed: SEED });
  const failures: { sample: T; status: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < samples.length) {
        const sample = samples[next++]!;
        const status = await send(sample);
        if (status >= 500) failures.push({ sample, status });
      }
    }),
  );
  return failures;
}

it('answers 10,000 generated webhook bodies, settings bodies and cookies without a 5xx', { timeout: 120_000 }, async () => {
  const session = client.cookie!;
  const webhook = await fuzz(webhookBody, 4000, (body) => statusOf('POST', '/webhooks/strava', body));
  const settings = await fuzz(settingsBody, 3000, (body) => statusOf('PUT', '/api/me/settings', body, session));
  let n = 0;
  const cookies = await fuzz(cookieValue, 3000, (value) =>
    n++ % 2 === 0
      ? statusOf('GET', '/api/me', undefined, `rn_session=${value}`)
      : statusOf('PUT', '/api/me/settings', '{"units":"meters"}', `theme=dark; rn_session=${value}`),
  );
  await runtime.drain();
  expect({ webhook: webhook.slice(0, 3), settings: settings.slice(0, 3), cookies: cookies.slice(0, 3) }).toEqual({
    webhook: [],
    settings: [],
    cookies: [],
  });
  // The runner is still there and signed in: nothing in the flood broke their account.
  expect((await client.json('GET', '/api/me')).status).toBe(200);
});
