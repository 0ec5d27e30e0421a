/**
 * Phone verification and consent on dynalite (issue 9): the code in the outbox, expiry, the attempt
 * limit, the resend throttle, a changed number starting over, and the opt-in confirmation as the first
 * text after verification + consent. Real stores and outbox; only the clock is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/defaults.js';
import { phoneStatus } from '../../shared/domain/phone/verification.js';
import type { Runner } from '../../shared/domain/types.js';
import { sendVerificationCode, setSmsConsent, verifyPhone } from '../../shared/usecases/phone-verification.js';
import { messagingStores } from '../support/messaging-stores.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
// 11:00 in Denver.
const START = new Date('2026-03-02T18:00:00Z');
let now = START;
const clock = { now: () => new Date(now.getTime()) };
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};
let athlete = 5000;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(() => db.stop());

const deps = () => messagingStores(table, clock);

async function runnerWith(phone: string): Promise<Runner> {
  now = START;
  const d = deps();
  const r = await d.runners.upsertRunnerForAthlete({ athleteId: athlete++, firstName: 'Ana', measurementPreference: 'meters' });
  return d.runners.updateSettings(r.runnerId, { ...defaultSettings('America/Denver'), phone });
}

const texts = async (runnerId: string) => (await deps().outbox.list()).filter((m) => m.runnerId === runnerId);
const lastCode = async (runnerId: string) => {
  const code = (await texts(runnerId)).filter((m) => m.kind === 'phone-verification').at(-1);
  return /^(\d{6}) /.exec(code?.text ?? '')?.[1] ?? '';
};
const status = async (r: Runner) =>
  phoneStatus(r.settings.phone, await deps().phones.getVerification(r.runnerId), r.smsOptedOutAt);
const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

describe('phone verification', () => {
  it('texts a 6-digit code to the new number in one segment; the right code verifies it', async () => {
    const r = await runnerWith('+13035550142');
    expect(await sendVerificationCode(r, deps())).toMatchObject({ ok: true, outcome: { status: 'sent' } });
    const [sms] = await texts(r.runnerId);
    expect(sms).toMatchObject({ channel: 'sms', to: '+13035550142', kind: 'phone-verification' });
    expect(sms?.text.length).toBeLessThanOrEqual(160);
    const code = await lastCode(r.runnerId);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(await table.scanAll())).not.toContain(`"${code}"`);
    expect(await status(r)).toBe('unverified');
    expect(await verifyPhone(r, wrongOf(code), deps())).toEqual({ ok: false, reason: 'wrong', triesLeft: 4 });
    expect(await verifyPhone(r, code, deps())).toEqual({ ok: true });
    expect(await status(r)).toBe('verified');
  });

  it('a code is refused after 10 minutes', async () => {
    const r = await runnerWith('+13035550143');
    await sendVerificationCode(r, deps());
    const code = await lastCode(r.runnerId);
    later(600);
    expect(await verifyPhone(r, code, deps())).toEqual({ ok: false, reason: 'expired' });
  });

  it('5 wrong tries need a new code; the new code works', async () => {
    const r = await runnerWith('+13035550144');
    await sendVerificationCode(r, deps());
    const code = await lastCode(r.runnerId);
    for (let i = 0; i < 4; i++) expect((await verifyPhone(r, wrongOf(code), deps())).ok).toBe(false);
    expect(await verifyPhone(r, wrongOf(code), deps())).toEqual({ ok: false, reason: 'too-many-tries' });
    expect(await verifyPhone(r, code, deps())).toEqual({ ok: false, reason: 'too-many-tries' });
    later(60);
    await sendVerificationCode(r, deps());
    expect(await verifyPhone(r, await lastCode(r.runnerId), deps())).toEqual({ ok: true });
  });

  it('resends at most once a minute and 5 times a day', async () => {
    const r = await runnerWith('+13035550145');
    expect((await sendVerificationCode(r, deps())).ok).toBe(true);
    later(30);
    expect(await sendVerificationCode(r, deps())).toMatchObject({ ok: false, reason: 'too-soon' });
    for (let i = 0; i < 4; i++) {
      later(60);
      expect((await sendVerificationCode(r, deps())).ok).toBe(true);
    }
    later(60);
    expect(await sendVerificationCode(r, deps())).toMatchObject({ ok: false, reason: 'daily-limit' });
    expect((await texts(r.runnerId)).filter((m) => m.kind === 'phone-verification')).toHaveLength(5);
  });

  it('changing the number starts over: the old code verifies nothing for the new number', async () => {
    const r = await runnerWith('+13035550146');
    await sendVerificationCode(r, deps());
    const oldCode = await lastCode(r.runnerId);
    const moved = await deps().runners.updateSettings(r.runnerId, { ...r.settings, phone: '+13035550147' });
    expect(await verifyPhone(moved, oldCode, deps())).toEqual({ ok: false, reason: 'no-code' });
    later(60);
    await sendVerificationCode(moved, deps());
    expect((await texts(r.runnerId)).at(-1)).toMatchObject({ to: '+13035550147', kind: 'phone-verification' });
    expect(await verifyPhone(moved, await lastCode(r.runnerId), deps())).toEqual({ ok: true });
    expect(await status(moved)).toBe('verified');
  });
});

describe('consent', () => {
  it('the first text after verification and consent is the sms-confirmation, once', async () => {
    const r = await runnerWith('+13035550148');
    await sendVerificationCode(r, deps());
    await verifyPhone(r, await lastCode(r.runnerId), deps());
    expect((await texts(r.runnerId)).map((m) => m.kind)).toEqual(['phone-verification']);
    await setSmsConsent(r, true, 'Mozilla/5.0', deps());
    await setSmsConsent(r, true, 'Mozilla/5.0', deps());
    const sent = await texts(r.runnerId);
    expect(sent.map((m) => m.kind)).toEqual(['phone-verification', 'sms-confirmation']);
    expect(sent[1]?.text).toMatch(/STOP/);
    expect(sent[1]?.text).toMatch(/HELP/);
    expect(sent[1]?.text.length).toBeLessThanOrEqual(160);
    expect(await deps().phones.getConsent(r.runnerId)).toMatchObject({
      phone: '+13035550148',
      method: 'settings-page',
      userAgent: 'Mozilla/5.0',
    });
  });

  it('consent before verification: the confirmation waits for the right code', async () => {
    const r = await runnerWith('+13035550149');
    await sendVerificationCode(r, deps());
    await setSmsConsent(r, true, undefined, deps());
    expect((await texts(r.runnerId)).map((m) => m.kind)).toEqual(['phone-verification']);
    await verifyPhone(r, await lastCode(r.runnerId), deps());
    expect((await texts(r.runnerId)).map((m) => m.kind)).toEqual(['phone-verification', 'sms-confirmation']);
  });

  it('withdrawing keeps the record, marked withdrawn', async () => {
    const r = await runnerWith('+13035550150');
    await setSmsConsent(r, true, undefined, deps());
    later(5);
    await setSmsConsent(r, false, undefined, deps());
    expect(await deps().phones.getConsent(r.runnerId)).toMatchObject({ phone: '+13035550150', withdrawnAt: now.toISOString() });
  });
});
