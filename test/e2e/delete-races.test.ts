import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { startLocalRuntime, TABLE_NAME, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * Deletion wins every race: `DELETE /api/me` while the history import or an activity fetch is in
 * flight leaves nothing of the runner behind. The fake Strava holds the app's call open while the
 * runner deletes their account, then answers it, so the app writes after the deletion; the test
 * then scans the whole table for anything of theirs.
 */
let runtime: LocalRuntime;
const fake = () => runtime.sandbox!.fake;
let athlete = 400_000;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined, schedulerTickMs: 3_600_000 });
});

afterAll(async () => {
  await runtime?.stop();
});

/**
 * Every item that names the runner, outside the local stand-ins for the SMS provider (the outbox:
 * messages already "sent" are the provider's, not ours).
 */
async function itemsOf(runnerId: string): Promise<unknown[]> {
  const doc = createDocumentClient({ endpoint: process.env['DYNAMODB_ENDPOINT']! });
  const found: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      if (item['pk'] === 'OUTBOX' || item['pk'] === 'OUTBOX-KEYS') continue;
      if (JSON.stringify(item).includes(runnerId)) found.push(item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  doc.destroy();
  return found;
}

async function connectedRunner(activities: number) {
  await runtime.sandbox!.settled(); // an earlier deletion's deauthorization webhook
  const id = ++athlete;
  fake().addAthlete({ id, firstname: 'Dora' });
  for (let i = 0; i < activities; i++) {
    const start = new Date(Date.parse('2026-03-11T07:00:00Z') - i * 86_400_000 * 0.5);
    fake().addActivity(id, { start_date: start.toISOString().replace(/\.\d{3}Z$/, 'Z'), sport_type: 'Run' });
  }
  expect(await runtime.sandbox!.settled()).toEqual([]);
  return id;
}

describe('DELETE /api/me', () => {
  it('during the history import leaves 0 items of the runner', async () => {
    const client = new RuntimeClient(runtime);
    await client.setClock('2026-03-12T09:00:00Z');
    await connectedRunner(150);
    let deleted: number | undefined;
    let signedIn: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (signedIn = resolve));
    // The import's first page is asked for; before Strava answers, the runner deletes their account.
    fake().beforeNext('GET', /^\/api\/v3\/athlete\/activities$/, async () => {
      await ready;
      deleted = (await client.json('DELETE', '/api/me')).status;
    });
    expect((await client.connectStrava()).status).toBe(302);
    const runnerId = (await client.json<{ runnerId: string }>('GET', '/api/me')).body.runnerId;
    signedIn();
    await runtime.drain();
    expect(deleted).toBe(200);
    expect(await itemsOf(runnerId)).toEqual([]);
  });

  it('during an activity fetch leaves 0 items of the runner', async () => {
    const client = new RuntimeClient(runtime);
    await client.setClock('2026-03-13T09:00:00Z');
    const id = await connectedRunner(3);
    expect((await client.connectStrava()).status).toBe(302);
    await runtime.drain();
    expect((await client.enableTexts({ phone: '+4915112345670', timeZone: 'Europe/Berlin' })).status).toBe(200);
    const runnerId = (await client.json<{ runnerId: string }>('GET', '/api/me')).body.runnerId;
    expect((await itemsOf(runnerId)).length).toBeGreaterThan(3); // profile, tokens, workouts, ...

    let deleted: number | undefined;
    fake().beforeNext('GET', /^\/api\/v3\/activities\/\d+$/, async () => {
      deleted = (await client.json('DELETE', '/api/me')).status;
    });
    fake().addActivity(id, { sport_type: 'Run', distance: 8000 });
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await runtime.drain();
    expect(deleted).toBe(200);
    expect(await itemsOf(runnerId)).toEqual([]);
    // And no text went out for the run fetched after the deletion.
    expect((await client.outbox()).filter((m) => m.runnerId === runnerId)).toEqual([]);
  });
});
