/**
 * saveSettings on in-memory stores: a new email address is subscribed before the settings are
 * saved, so a subscription failure changes nothing; clearing the address removes the subscription;
 * an unchanged address touches no subscription; a new time zone moves the runner's jobs.
 */
import { beforeEach, expect, it } from 'vitest';
import type { Runner } from '../../../shared/domain/types.js';
import { saveSettings, type SaveSettingsDeps } from '../../../shared/usecases/save-settings.js';
import { MemorySchedule } from '../../fakes/memory-runners.js';
import { MemoryEmailSubscriptions, SettingsRunners } from '../../fakes/memory-settings.js';
import { madridRunner } from './job-fixtures.js';

const NOW = new Date('2026-06-08T09:00:00Z'); // Monday 11:00 in Madrid

let runner: Runner;
let runners: SettingsRunners;
let subscriptions: MemoryEmailSubscriptions;
let schedule: MemorySchedule;
let deps: SaveSettingsDeps;
let log: string[];

beforeEach(() => {
  log = [];
  runner = madridRunner(1, { email: 'old@example.com' });
  runners = new SettingsRunners(runner);
  runners.log = log;
  subscriptions = new MemoryEmailSubscriptions(log);
  schedule = new MemorySchedule();
  deps = { runners, emailSubscriptions: subscriptions, schedule, clock: { now: () => NOW } };
});

it('a new email address is subscribed first, then saved, and the response says it awaits confirmation', async () => {
  const saved = await saveSettings(runner, { email: 'new@example.com' }, deps);
  expect(saved).toMatchObject({
    ok: true,
    emailStatus: 'pending-confirmation',
    runner: { settings: { email: 'new@example.com' } },
  });
  expect(log).toEqual(['subscribe email', 'save settings']);
  expect(subscriptions.subscribed.get(runner.runnerId)).toBe('new@example.com');
  expect((await runners.getRunner(runner.runnerId))?.settings.email).toBe('new@example.com');
});

it('when the subscription fails, nothing is saved and the failure names only the error', async () => {
  subscriptions.failWith = Object.assign(new Error('Invalid parameter: Email address new@example.com'), {
    name: 'InvalidParameterException',
  });
  const saved = await saveSettings(runner, { email: 'new@example.com', quietHours: { start: '22:00', end: '06:00' } }, deps);
  expect(saved).toEqual({ ok: false, reason: 'email-subscription-failed', errorName: 'InvalidParameterException' });
  expect(log).toEqual(['subscribe email']);
  expect((await runners.getRunner(runner.runnerId))?.settings).toEqual(runner.settings);
});

it('clearing the address removes the subscription (no status in the result); a failed removal saves nothing', async () => {
  subscriptions.failWith = new Error('throttled');
  expect(await saveSettings(runner, { email: null }, deps)).toMatchObject({ ok: false });
  expect((await runners.getRunner(runner.runnerId))?.settings.email).toBe('old@example.com');

  subscriptions.failWith = null;
  log.length = 0;
  const saved = await saveSettings(runner, { email: null }, deps);
  expect(saved.ok && saved.emailStatus).toBe(undefined);
  expect(saved).toMatchObject({ ok: true, runner: { settings: { email: null } } });
  expect(log).toEqual(['remove email', 'save settings']);
});

it('settings without an email change touch no subscription, and keep the schedule when the zone stays', async () => {
  const saved = await saveSettings(runner, { dailyStretch: true, email: 'old@example.com' }, deps);
  expect(saved).toMatchObject({ ok: true, runner: { settings: { dailyStretch: true } } });
  expect(saved.ok && 'emailStatus' in saved).toBe(false);
  expect(log).toEqual(['save settings']);
  expect(schedule.next.size).toBe(0);
});

it('a new time zone moves both jobs to 18:00 in the new zone', async () => {
  await saveSettings(runner, { timeZone: 'America/New_York' }, deps);
  // Monday 8 June, 18:00 in New York (EDT, UTC−4) is 22:00 UTC; the digest is Sunday 14 June 18:00.
  expect(schedule.next.get(`${runner.runnerId}/core-check`)).toBe('2026-06-08T22:00:00.000Z');
  expect(schedule.next.get(`${runner.runnerId}/weekly-digest`)).toBe('2026-06-14T22:00:00.000Z');
  expect((await runners.getRunner(runner.runnerId))?.settings).toMatchObject({
    timeZone: 'America/New_York',
    timeZoneSetByRunner: true,
  });
});
