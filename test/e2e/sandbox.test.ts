/**
 * The sandbox page a newcomer uses to see the service work without a Strava account: its speed
 * session shows the speed rule, and its activities start in the runner's own zone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

let runtime: LocalRuntime;
let client: RuntimeClient;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  client = new RuntimeClient(runtime);
  expect((await client.connectStrava()).status).toBe(302);
  // 14:00 in Los Angeles, outside quiet hours.
  await client.setClock('2026-03-04T22:00:00Z');
  const saved = await client.enableTexts({ phone: '+14155550123', timeZone: 'America/Los_Angeles' });
  expect(saved.status).toBe(200);
});
afterAll(async () => runtime?.stop());

const finish = async (form: Record<string, string>) => {
  const res = await client.request('POST', '/sandbox/runs', new URLSearchParams(form).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
  expect(res.status).toBe(303);
  await runtime.sandbox!.settled();
  await client.request('POST', '/dev/drain');
};

it('offers a speed session, and finishing it brings the speed-share warning as well as the stretch', async () => {
  const page = await (await client.request('GET', '/sandbox')).text();
  expect(page).toContain('id="finish-speed"');
  await finish({ kind: 'speed' });
  const kinds = (await client.outbox()).map((m) => m.kind);
  expect(kinds).toContain('post-run-stretch');
  expect(kinds).toContain('speed-warning');
  const activity = runtime.sandbox!.fake.exportState().activities.at(-1)!;
  expect(activity.workout_type).toBe(3);
  expect(activity.laps.length).toBe(12);
});

it("names and times activities in the runner's zone, not the server's", async () => {
  await finish({ sport: 'Run', distanceKm: '5' });
  const activity = runtime.sandbox!.fake.exportState().activities.at(-1)!;
  expect(activity.timezone).toBe('(GMT-08:00) America/Los_Angeles');
  expect(activity.name).toBe('Afternoon Run'); // 14:00 there (22:00 UTC would be "Night")
});
