import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * A newcomer's first minutes, in real headless Chromium (Debian's, installed by .ci/run): the sandbox
 * page, Strava consent (Playwright gives every launch a fresh profile), the settings form with its per-field errors, a finished run, the text.
 */
const CHROMIUM = '/usr/bin/chromium';
let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

it('connects in the sandbox, shows field errors, saves settings, and a finished run texts', async () => {
  // Midday in Los Angeles: on the real clock this test would meet quiet hours (21:00–07:00) for a
  // third of the day and the text would rightly be held.
  await new RuntimeClient(runtime).setClock('2026-03-03T20:00:00Z');
  const page = await browser.newPage();
  await page.goto(`http://localhost:${runtime.port}/sandbox`);
  await page.click('text=Connect a sandbox athlete');
  await page.click('#authorize');
  await page.waitForURL(/\/settings$/);
  expect(await page.textContent('h1')).toBe('Hi Sandy');

  await page.fill('#phone', '12345');
  await page.fill('#timeZone', 'Not/AZone');
  await page.click('button[type=submit]');
  await expect.poll(() => page.textContent('[data-for="phone"]')).not.toBe('');
  expect(await page.textContent('[data-for="timeZone"]')).not.toBe('');

  await page.fill('#phone', '+1 415 555 0123');
  await page.fill('#timeZone', 'America/Los_Angeles');
  await page.click('button[type=submit]');
  await expect.poll(() => page.textContent('#saved')).toBe('Saved.');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/settings-page.png', fullPage: true });

  await page.goto(`http://localhost:${runtime.port}/sandbox`);
  await page.click('#finish-run');
  await page.waitForURL(/finished=/);
  const outbox = await new RuntimeClient(runtime).outbox();
  expect(outbox).toHaveLength(1);
  expect(outbox[0]).toMatchObject({ to: '+14155550123', kind: 'post-run-stretch' });
});

it("a double-clicked 'Log a core session today' counts once; 'Log another one today' adds a real second", async () => {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${runtime.port}/sandbox`);
  await page.click('text=Connect a sandbox athlete');
  await page.click('#authorize');
  await page.waitForURL(/\/settings$/);
  const before = Number((await page.textContent('#coreSessions'))!.split(' ')[0]);
  await page.dblclick('#logCore');
  await page.click('#logCore');
  await expect.poll(() => page.textContent('#coreLogged')).toBe('Already logged today.');
  expect(await page.textContent('#coreSessions')).toMatch(new RegExp(`^${before + 1} of 3`));
  await page.click('#logAnotherCore');
  await expect.poll(() => page.textContent('#coreSessions')).toMatch(new RegExp(`^${before + 2} of 3`));
  expect(await page.textContent('#coreLogged')).toBe('Logged.');
  await page.close();
});
