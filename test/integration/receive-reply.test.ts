/**
 * Texts from runners on dynalite (issue 9, part 4): STOP opts out at once with one confirmation and
 * stops the next nudge; START turns texts back on; HELP is answered (even after STOP); anything else
 * gets one help reply a day; unknown numbers get nothing. Real stores and outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCheckInStore } from '../../shared/adapters/dynamo/checkin-store.js';
import { DynamoWorkoutStore } from '../../shared/adapters/dynamo/workout-store.js';
import { defaultSettings } from '../../shared/domain/defaults.js';
import type { Runner } from '../../shared/domain/types.js';
import { sendVerificationCode, setSmsConsent, verifyPhone } from '../../shared/usecases/phone-verification.js';
import { receiveReply } from '../../shared/usecases/receive-reply.js';
import { sendMessage } from '../../shared/usecases/send-message.js';
import { messagingStores } from '../support/messaging-stores.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;
let now = new Date('2026-03-02T18:00:00Z'); // 11:00 in Denver
const clock = { now: () => new Date(now.getTime()) };
let athlete = 9000;
let n = 0;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(() => db.stop());

const deps = () => ({
  ...messagingStores(table, clock),
  publicUrl: 'http://localhost:3000',
  checkIns: new DynamoCheckInStore(table.client, table.tableName),
  workouts: new DynamoWorkoutStore(table.client, table.tableName),
});

const texts = async (runnerId: string) => (await deps().outbox.list()).filter((m) => m.runnerId === runnerId);

/** A runner who earned texts the real way: number saved, code verified, box ticked. */
async function textingRunner(phone: string): Promise<Runner> {
  const d = deps();
  const r = await d.runners.upsertRunnerForAthlete({ athleteId: athlete++, firstName: 'Ana', measurementPreference: 'meters' });
  const saved = await d.runners.updateSettings(r.runnerId, { ...defaultSettings('America/Denver'), phone });
  await sendVerificationCode(saved, d);
  const code = /^(\d{6})/.exec((await texts(r.runnerId))[0]?.text ?? '')?.[1] ?? '';
  await verifyPhone(saved, code, d);
  await setSmsConsent(saved, true, undefined, d);
  return saved;
}

const nudge = async (runnerId: string) => {
  const r = (await deps().runners.getRunner(runnerId)) as Runner;
  return sendMessage(
    r,
    { message: { runnerId, channel: 'sms', kind: 'post-run-stretch', text: 'Stretch now.' }, ledgerKey: `stretch#${n++}` },
    deps(),
  );
};
const replies = async (runnerId: string) => (await texts(runnerId)).filter((m) => m.kind === 'sms-reply').map((m) => m.text);

describe('inbound texts', () => {
  it('STOP: opted out at once, one confirmation, the next nudge suppressed; a second STOP gets nothing', async () => {
    const r = await textingRunner('+13035550160');
    expect((await nudge(r.runnerId)).status).toBe('sent');
    expect(await receiveReply('+13035550160', ' Stop ', deps())).toBe('opted-out');
    expect(await replies(r.runnerId)).toEqual([expect.stringMatching(/no more texts/)]);
    expect(await nudge(r.runnerId)).toEqual({ status: 'suppressed', reason: 'opted-out' });
    expect(await receiveReply('+13035550160', 'stop texting me', deps())).toBe('already-opted-out');
    expect(await receiveReply('+13035550160', 'what is this', deps())).toBe('not-answered');
    expect(await replies(r.runnerId)).toHaveLength(1);
    expect((await deps().runners.getRunner(r.runnerId))?.smsOptedOutAt).toBe(now.toISOString());
  });

  it('HELP is answered even after STOP; START turns texts back on', async () => {
    const r = await textingRunner('+13035550161');
    await receiveReply('+13035550161', 'STOP', deps());
    expect(await receiveReply('+13035550161', 'help', deps())).toBe('help');
    expect((await replies(r.runnerId)).at(-1)).toMatch(/STOP.*\/terms/);
    expect(await receiveReply('+13035550161', 'unstop', deps())).toBe('opted-in');
    expect((await deps().runners.getRunner(r.runnerId))?.smsOptedOutAt).toBeUndefined();
    expect((await nudge(r.runnerId)).status).toBe('sent');
  });

  it('anything else: one short help reply per local day', async () => {
    const r = await textingRunner('+13035550162');
    expect(await receiveReply('+13035550162', 'hello?', deps())).toBe('help-once');
    expect(await receiveReply('+13035550162', 'anyone there', deps())).toBe('not-answered');
    expect(await replies(r.runnerId)).toHaveLength(1);
  });

  it('a text from an unknown number, or an unverified one, gets nothing', async () => {
    const before = (await deps().outbox.list()).length;
    expect(await receiveReply('+13035550999', 'STOP', deps())).toBe('ignored');
    const d = deps();
    const r = await d.runners.upsertRunnerForAthlete({ athleteId: athlete++, firstName: 'Bo', measurementPreference: 'meters' });
    await d.runners.updateSettings(r.runnerId, { ...defaultSettings('America/Denver'), phone: '+13035550163' });
    expect(await receiveReply('+13035550163', 'HELP', deps())).toBe('ignored');
    expect((await deps().outbox.list()).length).toBe(before);
  });

  it('after the runner deletes their account, their number is unknown again', async () => {
    const r = await textingRunner('+13035550164');
    await deps().runners.deleteRunner(r.runnerId);
    expect(await deps().phones.findRunnerIdByPhone('+13035550164')).toBeNull();
    expect(await receiveReply('+13035550164', 'HELP', deps())).toBe('ignored');
  });

  it('DONE logs the core session of the day once per local day and answers with "x of 3"', async () => {
    const r = await textingRunner('+13035550165');
    expect(await receiveReply('+13035550165', 'done', deps(), 'in-1')).toBe('core-logged');
    expect(await receiveReply('+13035550165', ' CORE ', deps(), 'in-2')).toBe('core-already-logged');
    expect(await replies(r.runnerId)).toEqual([
      'RunNudge: core session logged. 1 of 3 this week.',
      'RunNudge: already logged today. 1 of 3 this week.',
    ]);
    now = new Date('2026-03-03T18:00:00Z'); // the next day in Denver
    try {
      expect(await receiveReply('+13035550165', 'Done', deps())).toBe('core-logged');
      expect((await replies(r.runnerId)).at(-1)).toBe('RunNudge: core session logged. 2 of 3 this week.');
    } finally {
      now = new Date('2026-03-02T18:00:00Z');
    }
  });
});
