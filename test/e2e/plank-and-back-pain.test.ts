import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * The two slow rules, from real events through the local runtime: the plank test for a runner whose
 * imported history spans 6+ months (offered on a rest day, result logged through its link), and the
 * back-pain referral after three weekly check-ins reporting pain despite core work 3×/week.
 * America/Chicago: UTC−6 until 8 March 2026, UTC−5 after.
 */
let runtime: LocalRuntime;
let client: RuntimeClient;
const ATHLETE = 515_151;
const fake = () => runtime.sandbox!.fake;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined, schedulerTickMs: 3_600_000 });
  client = new RuntimeClient(runtime);
});
afterAll(() => runtime?.stop());

it('offers the plank test to a long-time runner on a rest day and logs the result', async () => {
  // Runs every other day for 10 months before connecting on Monday 2 March 2026.
  await client.setClock('2026-03-02T15:00:00Z');
  fake().addAthlete({ id: ATHLETE, firstname: 'Rosa' });
  for (let t = Date.parse('2025-05-01T12:00:00Z'); t < Date.parse('2026-03-01T12:00:00Z'); t += 2 * 86_400_000) {
    fake().addActivity(ATHLETE, { sport_type: 'Run', distance: 9000, moving_time: 2900, start_date: iso(t) });
  }
  expect((await client.connectStrava()).status).toBe(302);
  await runtime.drain(); // the history import
  const put = await client.json('PUT', '/api/me/settings', {
    phone: '+13125550142',
    email: 'rosa@example.com',
    timeZone: 'America/Chicago',
  });
  expect(put.status).toBe(200);

  // Monday 18:00 in Chicago, no run today: a rest day.
  await client.setClock('2026-03-03T00:00:00Z');
  await client.runJob('core-check');
  const plank = (await client.outbox()).filter((m) => m.kind === 'plank-test');
  expect(plank).toHaveLength(1);
  expect(plank[0]).toMatchObject({ channel: 'sms', to: '+13125550142' });
  const link = new URL(/https?:\/\/\S+\/c\/[\w-]{47}/.exec(plank[0]!.text)![0]);
  const pageText = await (await client.request('GET', link.pathname)).text();
  expect(pageText).toContain('Plank');
  const logged = await client.request('POST', link.pathname, 'result=completed', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  expect(await logged.text()).toContain('Plank test logged');

  // The next evening is a rest day too: no second offer within 4 weeks.
  await client.setClock('2026-03-04T00:00:00Z');
  await client.runJob('core-check');
  expect((await client.outbox()).filter((m) => m.kind === 'plank-test')).toHaveLength(1);
});

it('recommends a physical therapist after three weeks of back pain despite core work 3x a week', async () => {
  const sundays = ['2026-03-08', '2026-03-15', '2026-03-22'];
  for (const sunday of sundays) {
    // Three logged core sessions that week (Tue, Thu, Sat), then the Sunday 18:00 email.
    for (const back of [5, 3, 1]) {
      const day = new Date(Date.parse(`${sunday}T12:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
      await client.setClock(`${sunday}T12:00:00Z`);
      expect((await client.json('POST', '/api/me/core-sessions', { date: day })).status).toBe(201);
    }
    await client.setClock(`${sunday}T23:00:00Z`); // 18:00 in Chicago (CDT from 8 March)
    await client.runJob('weekly-digest');
    const digest = (await client.outbox()).filter((m) => m.kind === 'weekly-digest').at(-1)!;
    expect(digest.subject).toContain('core 3 of 3');
    const pain = new URL(/https?:\/\/\S+\/c\/[\w-]{47}\S*/.exec(digest.text)![0]);
    const answer = await client.request('POST', pain.pathname, 'pain=yes', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(200);
    // The referral comes with the third "yes", not before.
    const referrals = (await client.outbox()).filter((m) => m.kind === 'back-pain');
    expect(referrals).toHaveLength(sunday === sundays.at(-1) ? 1 : 0);
  }
  // The next Sunday's email does not repeat it.
  await client.setClock('2026-03-29T23:00:00Z');
  await client.runJob('weekly-digest');
  const referral = (await client.outbox()).filter((m) => m.kind === 'back-pain');
  expect(referral).toHaveLength(1);
  expect(referral[0]).toMatchObject({ channel: 'email', to: 'rosa@example.com' });
  expect(referral[0]!.text).toMatch(/physical therapist/i);
  expect(referral[0]!.text).toMatch(/not a diagnosis/i);
});
