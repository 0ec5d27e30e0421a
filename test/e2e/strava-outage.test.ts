import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import type { DeadLetter } from '../../shared/ports/index.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * Strava down for hours, or limiting us for hours: no run is lost. Each run is either texted once
 * Strava answers again or kept as a dead letter (GET /dev/dead-letters), and POST /dev/redrive
 * delivers those. Hours pass on the runtime's clock (the due job run every 5 minutes), not in real time.
 */
let runtime: LocalRuntime;
let client: RuntimeClient;
let athleteId: number;
const PHONE = '+4915112345678';
const fake = () => runtime.sandbox!.fake;
const MINUTE = 60_000;
let clock = Date.parse('2026-03-03T07:00:00Z'); // 08:00 in Berlin

async function at(ms: number) {
  clock = ms;
  await client.setClock(new Date(clock).toISOString());
}

/** Moves the clock on in steps (5 minutes: the schedule's), running the due job at each. */
async function passTime(minutes: number, step = 5) {
  for (let m = 0; m < minutes; m += step) {
    await at(clock + step * MINUTE);
    await client.runJob('due-messages');
  }
}

async function stretchTexts() {
  return (await client.outbox()).filter((m) => m.kind === 'post-run-stretch');
}

const execScript = promisify(execFile);
const deadLetters = async () => (await client.json<DeadLetter[]>('GET', '/dev/dead-letters')).body;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  client = new RuntimeClient(runtime);
  await at(clock);
  expect((await client.connectStrava()).status).toBe(302);
  expect((await client.enableTexts({ phone: PHONE, timeZone: 'Europe/Berlin' })).status).toBe(200);
  athleteId = (await client.json<{ athleteId: number }>('GET', '/api/me')).body.athleteId;
  await runtime.drain();
});

afterAll(async () => {
  await runtime?.stop();
});

describe('a 4-hour Strava outage', () => {
  it('loses no run: all 10 are texted once Strava is back, none dead-lettered', { timeout: 120_000 }, async () => {
    const start = clock;
    fake().outageUntil(new Date(start + 4 * 60 * MINUTE));
    const runs = [];
    for (let i = 0; i < 10; i++) {
      runs.push(fake().addActivity(athleteId, { sport_type: 'Run', distance: 5000 + i * 100 }));
      expect(await runtime.sandbox!.settled()).toEqual([200]);
      await passTime(10); // a run every 10 minutes during the outage
    }
    await runtime.drain();
    expect(await stretchTexts()).toHaveLength(0);

    // The outage ends at +4 h; the retries back off (up to about a day in all), so within hours after it…
    await passTime(12 * 60 - (clock - start) / MINUTE, 15);
    const texts = await stretchTexts();
    expect(texts).toHaveLength(10);
    expect(new Set(texts.map((t) => t.text)).size).toBe(10); // ten runs, one text each
    for (const t of texts) expect(Date.parse(t.at)).toBeGreaterThanOrEqual(start + 4 * 60 * MINUTE);
    expect(await deadLetters()).toEqual([]);
  });
});

describe('Strava limiting us for hours', () => {
  it('dead-letters the run after its retries, and a redrive texts it', { timeout: 120_000 }, async () => {
    await at(Date.parse('2026-03-05T07:00:00Z')); // 08:00 in Berlin: the texts are outside quiet hours
    const before = (await stretchTexts()).length;
    fake().rateLimitNext(1_000); // every request answers 429 until further notice
    const run = fake().addActivity(athleteId, { sport_type: 'Run', distance: 7000 });
    expect(await runtime.sandbox!.settled()).toEqual([200]);
    await passTime(3 * 60, 15); // eight quarter-hour windows and more
    const letters = await deadLetters();
    expect(letters).toMatchObject([{ kind: 'activity-fetch', reason: 'strava rate-limited', replay: { type: 'event' } }]);
    expect(JSON.stringify(letters)).toContain(String(run.id));
    expect((await stretchTexts()).length).toBe(before);

    fake().rateLimitNext(0); // Strava answers again
    const redriven = await client.json<{ republished: number }>('POST', '/dev/redrive');
    expect(redriven).toEqual({ status: 200, body: { republished: 1, rescheduled: 0, failed: 0 } });
    const texts = await stretchTexts();
    expect(texts).toHaveLength(before + 1);
    expect(texts.at(-1)!.text).toMatch(/7\.0 km/);
    expect(await deadLetters()).toEqual([]);
    // A second redrive (npm run redrive, against the running runtime) has nothing to do and sends nothing.
    // Asynchronously: the runtime answering it runs in this process.
    const script = await execScript(process.execPath, ['--import', 'tsx', 'infra/local/redrive.ts', '--url', runtime.url]);
    expect(script.stdout).toContain('redrive: 0 event(s) published again, 0 held text(s) due now, 0 failed');
    expect(await stretchTexts()).toHaveLength(before + 1);
  });
});
