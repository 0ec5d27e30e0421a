import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { linkToken } from '../../shared/signing/links.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * The runner's pages in real headless Chromium, at a desktop (1280 px) and a phone (375 px) width:
 * axe-core finds nothing on the settings page (also with its errors showing), the landing page, a
 * check-in question, the error pages and the deletion page; a failed save made with the keyboard alone puts focus on the error summary; signing
 * out keeps the data; an unknown page and a deleted runner's old link get pages, never JSON.
 * Screenshots go to test-results/.
 */
const CHROMIUM = '/usr/bin/chromium';
const APP_SECRET = 'pages-accessibility-test-secret-0123456789';
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const WIDTHS = [1280, 375] as const;

let runtime: LocalRuntime;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
/** Console errors the pages raised, Content-Security-Policy refusals among them (an inline style or handler would be one). */
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: { APP_SECRET }, log: () => undefined });
  base = `http://localhost:${runtime.port}`;
  // Midday in Los Angeles, so nothing meets quiet hours.
  await new RuntimeClient(runtime).setClock('2026-03-03T20:00:00Z');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  mkdirSync('test-results', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core, evaluated through the DevTools protocol (the page's CSP rightly refuses an injected
 * script tag), with every rule it runs by default: WCAG 2.x A and AA and its best practices.
 */
async function axeViolations(): Promise<Violation[]> {
  await page.evaluate(AXE);
  // A string, run in the page: this file is compiled without the DOM's types.
  return (await page.evaluate(`axe.run(document).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => String(n.target)),
  })))`)) as Violation[];
}

const focusedId = () => page.evaluate('document.activeElement && document.activeElement.id');

/** Zero axe violations at both widths, with a screenshot of each. */
async function expectAccessible(name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(), `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function connect(): Promise<void> {
  await page.goto(`${base}/connect/strava`);
  await page.click('#authorize');
  await page.waitForURL(/\/settings$/);
}

describe('the settings page', () => {
  it('has no axe violations at 1280 px and 375 px, and its buttons are dark enough for white text', async () => {
    await connect();
    expect(await page.textContent('h1')).toContain('Hi');
    await expectAccessible('settings');
    // White on the button's orange: WCAG AA asks 4.5:1 for this text size.
    const colors = (await page.evaluate(
      "(() => { const s = getComputedStyle(document.querySelector('button[type=submit]')); return [s.color, s.backgroundColor]; })()",
    )) as string[];
    expect(contrast(colors[0]!, colors[1]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('a failed save made with the keyboard alone focuses the error summary, and each error is tied to its field', async () => {
    await page.focus('#phone');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('12345');
    await page.keyboard.press('Enter'); // submits the form, as a keyboard user would

    await expect.poll(focusedId).toBe('errorSummary');
    expect(await page.isVisible('#errorSummary')).toBe(true);
    expect(await page.textContent('#errorSummary li')).toMatch(/^Mobile number: \S/);
    expect(await page.getAttribute('#phone', 'aria-invalid')).toBe('true');
    const describedBy = (await page.getAttribute('#phone', 'aria-describedby')) ?? '';
    expect((await page.textContent(`#${describedBy}`))?.trim()).not.toBe('');
    // Fields without an error are not marked.
    expect(await page.getAttribute('#email', 'aria-invalid')).toBeNull();
    await expectAccessible('settings-errors');

    // The summary's link takes the keyboard to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toBe('phone');

    // Fixed and saved: the summary goes away and the field is no longer marked.
    await page.fill('#phone', '+1 415 555 0123');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#saved')).toBe('Saved.');
    expect(await page.isVisible('#errorSummary')).toBe(false);
    expect(await page.getAttribute('#phone', 'aria-invalid')).toBeNull();
  });

  it('"Sign out" ends the session and keeps the data: connecting again shows the saved number', async () => {
    await page.click('#signout');
    await page.waitForURL(/\/settings$/); // `/` leads to the landing page
    expect(await page.isVisible('#connect')).toBe(true);
    await expectAccessible('landing');
    expect((await page.request.get(`${base}/api/me`)).status()).toBe(401);

    await connect();
    expect(await page.inputValue('#phone')).toBe('+14155550123');
  });
});

describe('error pages', () => {
  it('an unknown page answers 404 with a page in plain words and a link onward, without axe violations', async () => {
    const res = await page.goto(`${base}/settingz`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-type']).toContain('text/html');
    expect(await page.textContent('h1')).toBe('Page not found');
    expect(await page.getAttribute('main a', 'href')).toBe('/settings');
    await expectAccessible('error-not-found');
  });

  it('an altered link gets its page, and /api/* keeps answering JSON', async () => {
    const res = await page.goto(`${base}/c/${'A'.repeat(47)}`);
    expect(res?.status()).toBe(400);
    expect(await page.textContent('h1')).toBe('This link does not work');
    const api = await page.request.get(`${base}/api/nope`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('deleting the account', () => {
  it('lands on a page listing what was removed; an old link from a text then says the account is gone', async () => {
    const me = (await (await page.request.get(`${base}/api/me`)).json()) as { runnerId: string };
    const oldLink = linkToken(
      APP_SECRET,
      { kind: 'core', runnerId: me.runnerId, date: '2026-03-03' },
      new Date('2026-03-03T20:00:00Z'),
    );

    // The back-pain question a weekly email links to, while the account still exists.
    const painLink = linkToken(
      APP_SECRET,
      { kind: 'pain', runnerId: me.runnerId, date: '2026-03-02' },
      new Date('2026-03-03T20:00:00Z'),
    );
    await page.goto(`${base}/c/${painLink}`);
    expect(await page.textContent('h1')).toBe('Any low back pain this week?');
    await expectAccessible('check-in-question');

    await page.goto(`${base}/settings`);
    page.once('dialog', (d) => void d.accept());
    await page.click('#disconnect');
    await page.waitForURL(/\/deleted$/);
    expect(await page.textContent('h1')).toBe('Your data is deleted');
    const removed = (await page.textContent('#removed')) ?? '';
    for (const item of ['settings', 'workouts', 'check-ins', 'texts and emails', 'Strava']) expect(removed).toContain(item);
    expect((await page.request.get(`${base}/api/me`)).status()).toBe(401);
    await expectAccessible('deleted');

    const res = await page.goto(`${base}/c/${oldLink}`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()['content-type']).toContain('text/html');
    expect(await page.textContent('h1')).toBe('This account no longer exists');
    expect(await page.content()).not.toContain('runner_not_found');
    await expectAccessible('error-runner-gone');
  });

  it('no page broke its Content-Security-Policy or logged an error', () => {
    // 404/400 pages are expected failed loads; anything else (a refused inline style, a script error) is not.
    expect(consoleErrors.filter((e) => !/status of 40[014]/.test(e))).toEqual([]);
  });
});

/** WCAG contrast ratio of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
