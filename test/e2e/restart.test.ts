import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * Contract: "stopping it and starting it again loses nothing — runners, sessions, workouts, held
 * messages, the outbox". Two runtimes in turn on one DATA_DIR, the session cookie carried across.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'runnudge-restart-'));
let runtime: LocalRuntime | undefined;

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => startLocalRuntime({ port: 0, dataDir, env: {}, log: () => undefined });

it('keeps runners, sessions, workouts, held texts and the outbox across a restart', async () => {
  runtime = await start();
  let client = new RuntimeClient(runtime);
  expect((await client.connectStrava()).status).toBe(302);
  const put = await client.json('PUT', '/api/me/settings', { phone: '+14155550123', timeZone: 'America/New_York' });
  expect(put.status).toBe(200);
  const me = await client.json<{ athleteId: number }>('GET', '/api/me');

  // 14:00 in New York: texted at once.
  await client.setClock('2026-06-10T18:00:00Z');
  runtime.sandbox!.fake.addActivity(me.body.athleteId, { sport_type: 'Run', distance: 7000 });
  await runtime.sandbox!.settled();
  await runtime.drain();
  // 23:00 in New York: held until 07:00.
  await client.setClock('2026-06-11T03:00:00Z');
  runtime.sandbox!.fake.addActivity(me.body.athleteId, { sport_type: 'Run', distance: 3000 });
  await runtime.sandbox!.settled();
  await runtime.drain();
  expect(await client.outbox()).toHaveLength(1);
  const cookie = client.cookie;

  await runtime.stop();
  runtime = await start();
  client = new RuntimeClient(runtime);
  client.cookie = cookie;

  const again = await client.json<{ athleteId: number; week: { runs: number; distanceM: number } }>('GET', '/api/me');
  expect(again.status).toBe(200);
  expect(again.body.athleteId).toBe(me.body.athleteId);
  expect(again.body.week).toMatchObject({ runs: 2, distanceM: 10_000 });
  expect(await client.outbox()).toHaveLength(1);

  await client.setClock('2026-06-11T11:00:00Z'); // 07:00 in New York
  await client.runJob('due-messages');
  const texts = await client.outbox();
  expect(texts.map((t) => t.text)).toEqual([expect.stringMatching(/7\.0 km/), expect.stringMatching(/3\.0 km/)]);

  // The sandbox kept its tokens too: a new run after the restart still reaches the runner.
  runtime.sandbox!.fake.addActivity(me.body.athleteId, { sport_type: 'Run', distance: 4000 });
  await runtime.sandbox!.settled();
  await runtime.drain();
  expect(await client.outbox()).toHaveLength(3);
});
