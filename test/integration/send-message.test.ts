/**
 * The one sender on dynalite (issue 9): each reason it suppresses a text, with the fate recorded in the
 * runner's message log; holds in quiet hours; a held message dropped when stale at its send time.
 * Storage is real (ledger, due queue, phone records, message log, outbox); only the clock is set.
 */
import { hashVerificationCode } from '../../shared/signing/code-hash.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/defaults.js';
import { giveConsent } from '../../shared/domain/phone/consent.js';
import { checkCode, requestCode } from '../../shared/domain/phone/verification.js';
import type { Runner, RunnerSettings } from '../../shared/domain/types.js';
import { deliverHeld, sendMessage, type MessageAsk } from '../../shared/usecases/send-message.js';
import { messagingStores } from '../support/messaging-stores.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
// 11:00 in Denver: outside the default 21:00–07:00 quiet hours.
let now = new Date('2026-03-02T18:00:00Z');
const clock = { now: () => new Date(now.getTime()) };
const PHONE = '+13035550142';
let athlete = 1000;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(() => db.stop());

const deps = () => messagingStores(table, clock);

/** A runner with a number; `verified` and `consented` as the settings page would leave them. */
async function runner(
  opts: { verified?: boolean; consented?: boolean; settings?: Partial<RunnerSettings> } = {},
): Promise<Runner> {
  const d = deps();
  const r = await d.runners.upsertRunnerForAthlete({ athleteId: athlete++, firstName: 'Ana', measurementPreference: 'meters' });
  const settings = { ...defaultSettings('America/Denver'), phone: PHONE, ...opts.settings };
  const saved = await d.runners.updateSettings(r.runnerId, settings);
  const issued = requestCode(null, PHONE, new Date('2026-03-01T00:00:00Z'), '123456', 'salt', hashVerificationCode);
  if (!issued.ok) throw new Error('no code');
  const state =
    opts.verified === false
      ? issued.state
      : checkCode(issued.state, '123456', new Date('2026-03-01T00:01:00Z'), hashVerificationCode).state;
  if (state) await d.phones.putVerification(r.runnerId, state);
  if (opts.consented !== false)
    await d.phones.putConsent(r.runnerId, giveConsent(PHONE, new Date('2026-03-01T00:02:00Z'), 'settings-page'));
  return saved;
}

let seq = 0;
const stretch = (kind: MessageAsk['message']['kind'] = 'post-run-stretch'): MessageAsk => ({
  message: { runnerId: '', channel: 'sms', kind, text: 'Stretch your hamstrings: 5 x 60 s.' },
  ledgerKey: `test#${seq++}`,
});
const ask = (r: Runner, a: MessageAsk): MessageAsk => ({ ...a, message: { ...a.message, runnerId: r.runnerId } });
const textsTo = async (runnerId: string) => (await deps().outbox.list()).filter((m) => m.runnerId === runnerId);

describe('the sender suppresses, and says why in the message log', () => {
  it('unverified number: nothing sent, "unverified" logged', async () => {
    const r = await runner({ verified: false });
    expect(await sendMessage(r, ask(r, stretch()), deps())).toEqual({ status: 'suppressed', reason: 'unverified' });
    expect(await textsTo(r.runnerId)).toHaveLength(0);
    expect(await deps().log.recent(r.runnerId, now)).toEqual([
      { kind: 'post-run-stretch', channel: 'sms', status: 'suppressed', reason: 'unverified', at: now.toISOString() },
    ]);
  });

  it('no consent: "no-consent"', async () => {
    const r = await runner({ consented: false });
    expect(await sendMessage(r, ask(r, stretch()), deps())).toMatchObject({ reason: 'no-consent' });
    expect(await textsTo(r.runnerId)).toHaveLength(0);
  });

  it('opted out: "opted-out"', async () => {
    const r = { ...(await runner()), smsOptedOutAt: '2026-03-02T00:00:00Z' };
    expect(await sendMessage(r, ask(r, stretch()), deps())).toMatchObject({ reason: 'opted-out' });
    expect(await textsTo(r.runnerId)).toHaveLength(0);
  });

  it('texts switched off: "channel-off"', async () => {
    const r = await runner({ settings: { channels: { sms: false, email: true } } });
    expect(await sendMessage(r, ask(r, stretch()), deps())).toMatchObject({ reason: 'channel-off' });
  });

  it('no number: "no-address"', async () => {
    const r = await runner({ settings: { phone: null } });
    expect(await sendMessage(r, ask(r, stretch()), deps())).toMatchObject({ reason: 'no-address' });
  });

  it('a code for another number than the one being verified: "not-verifying-number"', async () => {
    const r = await runner({ verified: false });
    const code = ask(r, {
      ...stretch('phone-verification'),
      message: { ...stretch().message, kind: 'phone-verification', to: '+13035550199' },
    });
    expect(await sendMessage(r, code, deps())).toMatchObject({ reason: 'not-verifying-number' });
    expect(await textsTo(r.runnerId)).toHaveLength(0);
  });

  it('the fourth nudge of a local day: "daily-cap"; codes and replies still go out', async () => {
    const r = await runner();
    const fates = [];
    for (const kind of ['post-run-stretch', 'speed-warning', 'core-nudge', 'plank-test'] as const) {
      fates.push((await sendMessage(r, ask(r, stretch(kind)), deps())).status);
    }
    expect(fates).toEqual(['sent', 'sent', 'sent', 'suppressed']);
    const help = { ...ask(r, stretch('sms-reply')), reply: 'help' as const };
    expect((await sendMessage(r, help, deps())).status).toBe('sent');
    expect(await textsTo(r.runnerId)).toHaveLength(4);
    const log = await deps().log.recent(r.runnerId, now);
    expect(log.map((e) => `${e.kind}:${e.status}${e.reason ? `:${e.reason}` : ''}`).sort()).toEqual([
      'core-nudge:sent',
      'plank-test:suppressed:daily-cap',
      'post-run-stretch:sent',
      'sms-reply:sent',
      'speed-warning:sent',
    ]);
  });

  it('the same ledger key twice: one text, one log entry', async () => {
    const r = await runner();
    const a = ask(r, stretch());
    expect((await sendMessage(r, a, deps())).status).toBe('sent');
    expect((await sendMessage(r, a, deps())).status).toBe('already-sent');
    expect(await textsTo(r.runnerId)).toHaveLength(1);
    expect(await deps().log.recent(r.runnerId, now)).toHaveLength(1);
  });
});

describe('quiet hours', () => {
  it('holds a nudge until they end and logs "held"; delivered afterwards and logged "sent"', async () => {
    const r = await runner();
    now = new Date('2026-03-02T12:00:00Z'); // 05:00 in Denver
    try {
      const out = await sendMessage(r, ask(r, stretch()), deps());
      expect(out).toEqual({ status: 'held', dueAt: '2026-03-02T14:00:00.000Z' });
      expect(await textsTo(r.runnerId)).toHaveLength(0);
      now = new Date('2026-03-02T14:00:00Z');
      const [item] = (await deps().due.listDue(now, 50)).filter((i) => i.runnerId === r.runnerId);
      if (item?.payload.type !== 'message') throw new Error('no held message');
      expect((await deliverHeld(r, item.payload, deps())).status).toBe('sent');
      expect(await textsTo(r.runnerId)).toHaveLength(1);
      expect((await deps().log.recent(r.runnerId, now)).map((e) => e.status)).toEqual(['sent', 'held']);
    } finally {
      now = new Date('2026-03-02T18:00:00Z');
    }
  });

  it('a held core nudge still due after its local day is dropped as "stale", never sent the next morning', async () => {
    const r = await runner();
    now = new Date('2026-03-03T04:30:00Z'); // 21:30 on 2 March in Denver
    try {
      expect((await sendMessage(r, ask(r, stretch('core-nudge')), deps())).status).toBe('held');
      now = new Date('2026-03-03T14:00:00Z'); // 07:00 on 3 March: quiet hours over, its day gone
      const [item] = (await deps().due.listDue(now, 50)).filter((i) => i.runnerId === r.runnerId);
      if (item?.payload.type !== 'message') throw new Error('no held message');
      expect(item.payload.expiresAt).toBe('2026-03-03T07:00:00.000Z');
      expect(await deliverHeld(r, item.payload, deps())).toEqual({ status: 'suppressed', reason: 'stale' });
      expect(await textsTo(r.runnerId)).toHaveLength(0);
      expect((await deps().log.recent(r.runnerId, now))[0]).toMatchObject({
        kind: 'core-nudge',
        status: 'suppressed',
        reason: 'stale',
      });
    } finally {
      now = new Date('2026-03-02T18:00:00Z');
    }
  });

  it('a held text after STOP overnight is dropped as "opted-out"', async () => {
    const r = await runner();
    now = new Date('2026-03-02T12:00:00Z');
    try {
      expect((await sendMessage(r, ask(r, stretch()), deps())).status).toBe('held');
      now = new Date('2026-03-02T14:00:00Z');
      const [item] = (await deps().due.listDue(now, 50)).filter((i) => i.runnerId === r.runnerId);
      if (item?.payload.type !== 'message') throw new Error('no held message');
      const stopped = { ...r, smsOptedOutAt: '2026-03-02T13:00:00Z' };
      expect(await deliverHeld(stopped, item.payload, deps())).toEqual({ status: 'suppressed', reason: 'opted-out' });
      expect(await textsTo(r.runnerId)).toHaveLength(0);
    } finally {
      now = new Date('2026-03-02T18:00:00Z');
    }
  });
});

describe('message log', () => {
  it('is newest first and forgets entries older than 30 days', async () => {
    const r = await runner();
    const log = deps().log;
    await log.record(r.runnerId, { kind: 'weekly-digest', channel: 'email', status: 'sent', at: '2026-01-01T00:00:00.000Z' });
    await log.record(r.runnerId, { kind: 'core-nudge', channel: 'sms', status: 'sent', at: '2026-03-01T00:00:00.000Z' });
    await log.record(r.runnerId, { kind: 'plank-test', channel: 'sms', status: 'held', at: '2026-03-02T00:00:00.000Z' });
    expect((await log.recent(r.runnerId, now)).map((e) => e.kind)).toEqual(['plank-test', 'core-nudge']);
  });
});
