import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient, type OutboxEntry } from '../support/runtime-client.js';

/**
 * A week of a runner's life through the local runtime: history imported on connect, runs arriving by
 * Strava webhook on the days they happen (/dev/clock), the evening core-check and the Sunday
 * weekly-digest jobs, one-tap links. Europe/Berlin is UTC+1 in early March 2026.
 */
let runtime: LocalRuntime;
let client: RuntimeClient;
let athleteId: number;
const PHONE = '+4915112345678';
const EMAIL = 'hilde@example.com';
const fake = () => runtime.sandbox!.fake;
const seconds = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

beforeAll(async () => {
  // The scheduler is left idle: the test runs the jobs itself at the times it chooses.
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined, schedulerTickMs: 3_600_000 });
  client = new RuntimeClient(runtime);
});
afterAll(() => runtime?.stop());

async function at(iso: string) {
  await client.setClock(iso);
}

/** A run that finished just now, reported by Strava's webhook. */
async function finish(partial: Parameters<ReturnType<typeof fake>['addActivity']>[1]) {
  const now = Date.parse((await client.json<{ now: string }>('GET', '/dev/clock')).body.now);
  const moving = Math.round((partial?.distance ?? 8000) * 0.33);
  fake().addActivity(athleteId, {
    moving_time: moving,
    elapsed_time: moving + 60,
    start_date: seconds(new Date(now - (moving + 60) * 1000).toISOString()),
    ...partial,
  });
  expect(await runtime.sandbox!.settled()).toEqual([200]);
  await runtime.drain();
}

const kinds = (outbox: OutboxEntry[]) => outbox.map((m) => m.kind);

it('runs a whole week: stretch texts, one speed warning, a core nudge, check-ins, and the mileage-balance email', async () => {
  // Four weeks of history (3 × 8 km easy runs a week = 24 km), imported when the runner connects.
  await at('2026-03-02T07:00:00Z'); // Monday 08:00
  fake().addAthlete({ id: 424_242, firstname: 'Hilde' });
  for (let week = 1; week <= 4; week++) {
    for (const day of [0, 2, 4]) {
      const start = new Date(Date.parse('2026-03-02T06:00:00Z') - week * 7 * 86_400_000 + day * 86_400_000);
      fake().addActivity(424_242, {
        sport_type: 'Run',
        distance: 8000,
        moving_time: 2640,
        start_date: seconds(start.toISOString()),
      });
    }
  }
  expect((await client.connectStrava()).status).toBe(302);
  athleteId = 424_242;
  const put = await client.json('PUT', '/api/me/settings', { phone: PHONE, email: EMAIL, timeZone: 'Europe/Berlin' });
  expect(put.status).toBe(200);
  await runtime.drain();

  // Monday: an easy 8 km → a stretch text, nothing else.
  await finish({ sport_type: 'Run', distance: 8000 });
  expect(kinds(await client.outbox())).toEqual(['post-run-stretch']);

  // Tuesday 18:00: 0 of 3 core sessions but five days left → no nudge yet.
  await at('2026-03-03T17:00:00Z');
  await client.runJob('core-check');
  expect(kinds(await client.outbox())).toEqual(['post-run-stretch']);

  // Wednesday: a 10 km interval workout (Strava workout_type 3). Speed work is 10 km against
  // max(18 km so far, 24 km trailing average) = 41.7% > 10% → one warning with the stretch text.
  await at('2026-03-04T17:30:00Z');
  await finish({ sport_type: 'Run', distance: 10_000, workout_type: 3, name: 'Intervals' });
  let outbox = await client.outbox();
  expect(kinds(outbox)).toEqual(['post-run-stretch', 'post-run-stretch', 'speed-warning']);
  const warning = outbox.at(-1)!;
  expect(warning).toMatchObject({ channel: 'sms', to: PHONE });
  expect(warning.text).toMatch(/42%|41\.7%/);

  // Thursday 18:00: still 0 of 3 with Fri–Sun left → the nudge, with a one-tap link.
  await at('2026-03-05T17:00:00Z');
  await client.runJob('core-check');
  outbox = await client.outbox();
  expect(kinds(outbox).filter((k) => k === 'core-nudge')).toHaveLength(1);
  const nudge = outbox.find((m) => m.kind === 'core-nudge')!;
  expect(nudge.text.length).toBeLessThanOrEqual(160);
  const link = /https?:\/\/\S+\/c\/[\w-]{47}/.exec(nudge.text)?.[0];
  expect(link).toBeDefined();
  // Running the job again the same evening sends nothing more (one nudge per day).
  await client.runJob('core-check');
  expect(kinds(await client.outbox()).filter((k) => k === 'core-nudge')).toHaveLength(1);

  // Opening the link (a phone's preview does the same) only shows the button; tapping it twice
  // counts one session for the day.
  const path = new URL(link!).pathname;
  const opened = await (await client.request('GET', path)).text();
  expect(opened).toContain('id="done-yes"');
  expect((await client.json<{ week: { coreSessions: number } }>('GET', '/api/me')).body.week.coreSessions).toBe(0);
  const tap = () =>
    client.request('POST', path, 'done=yes', { 'content-type': 'application/x-www-form-urlencoded' }).then((r) => r.text());
  expect(await tap()).toContain('1 of 3');
  expect(await tap()).toContain('1 of 3');
  // Friday: one more from the settings page (explicit), and a bad date is refused by name.
  await at('2026-03-06T12:00:00Z');
  const bad = await client.json<{ error: { fields: { field: string }[] } }>('POST', '/api/me/core-sessions', {
    date: '2026-03-40',
  });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields[0]!.field).toBe('date');
  const logged = await client.json<{ week: { coreSessions: number } }>('POST', '/api/me/core-sessions', {});
  expect(logged).toMatchObject({ status: 201, body: { week: { coreSessions: 2 } } });

  // Saturday: the long run (16 km, 88 min). Speed share is already past 10%: no second warning.
  await at('2026-03-07T10:00:00Z');
  await finish({ sport_type: 'Run', distance: 16_000, name: 'Long run' });
  expect(kinds(await client.outbox()).filter((k) => k === 'speed-warning')).toHaveLength(1);

  // Sunday 18:00: the mileage-balance email. 34 km (8 + 10 + 16), speed 10 km = 29%, core 2 of 3,
  // +42% against the 24 km average → the ramp guideline. Coupled ratio 34 / mean(24, 24, 24, 34) = 1.28.
  await at('2026-03-08T17:00:00Z');
  const me = await client.json<{ week: { trailing4WeekAvgM: number; changeVsTrailingAvg: number; acwr: number } }>(
    'GET',
    '/api/me',
  );
  expect(me.body.week.trailing4WeekAvgM).toBe(24_000);
  expect(me.body.week.changeVsTrailingAvg).toBeCloseTo(10 / 24, 10);
  expect(me.body.week.acwr).toBeCloseTo(34 / 26.5, 10);
  await client.runJob('weekly-digest');
  outbox = await client.outbox();
  const digest = outbox.filter((m) => m.kind === 'weekly-digest');
  expect(digest).toHaveLength(1);
  expect(digest[0]).toMatchObject({ channel: 'email', to: EMAIL });
  expect(digest[0]!.subject).toContain('34.0 km');
  expect(digest[0]!.text).toContain('2 of 3');
  expect(digest[0]!.text).toMatch(/29(\.\d)?%/);
  expect(digest[0]!.text).toContain('coaching guideline');
  expect(digest[0]!.text).toMatch(/Vs 4-week average\s+up 42% \(average 24\.0 km\)/);
  expect(digest[0]!.text).toContain('this one included) is 1.28.');
  const html = (digest[0] as OutboxEntry & { html?: string }).html ?? '';
  expect(html).toContain('<svg');
  expect(html).toContain('Hilde');
  // Nothing more the same evening, however often the job runs.
  await client.runJob('weekly-digest');
  expect((await client.outbox()).filter((m) => m.kind === 'weekly-digest')).toHaveLength(1);

  // The back-pain check-in link in the email: a question page, answered with a POST.
  const painLink = /https?:\/\/[^"\s]+\/c\/[\w-]{47}[^"\s]*/.exec(digest[0]!.text)?.[0];
  expect(painLink).toBeDefined();
  const painPath = new URL(painLink!);
  const question = await client.request('GET', `${painPath.pathname}${painPath.search}`);
  expect(await question.text()).toContain('Any low back pain this week?');
  const answered = await client.request('POST', painPath.pathname, 'pain=yes', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  expect(answered.status).toBe(200);
  expect(await answered.text()).toContain('Thanks for telling us');
});

it('refuses a forged or expired link with a clear error', async () => {
  // A browser route: even a client asking for JSON gets the page (contract: browser routes never JSON).
  const forged = await fetch(`${runtime.url}/c/${'A'.repeat(47)}`, { headers: { accept: 'application/json' } });
  expect(forged.status).toBe(400);
  expect(forged.headers.get('content-type')).toContain('text/html');
  expect(await forged.text()).toContain('This link does not work');
  const garbage = await fetch(`${runtime.url}/c/not-a-token`, { headers: { accept: 'application/json' } });
  expect(garbage.status).toBe(400);
});
