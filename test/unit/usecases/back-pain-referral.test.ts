/**
 * referIfBackPainPersists on in-memory stores: three consecutive weeks of reported low back pain
 * while doing core work 3×/week bring one referral email (keyed on the latest answered week, so
 * the check-in and the weekly email together send it once); fewer weeks, too little core work or
 * no email address bring none.
 */
import { expect, it } from 'vitest';
import { weekLabelOf } from '../../../shared/domain/week/aggregate.js';
import { addDays } from '../../../shared/domain/week/dates.js';
import { referIfBackPainPersists } from '../../../shared/usecases/back-pain-referral.js';
import { fakes, jobDay, madridRunner, type Fakes } from './job-fixtures.js';

const SUNDAY = '2026-06-07'; // the last day of 2026-W23
const SUNDAY_EVENING = '2026-06-07T16:00:00Z';

/** For each week (by its Monday): `core` logged sessions and the answer to "any back pain?". */
async function weeksOf(f: Fakes, runnerId: string, weeks: { monday: string; core: number; pain: boolean }[]) {
  for (const w of weeks) {
    for (let i = 0; i < w.core; i++)
      await f.checkIns.addCoreSession({
        runnerId,
        localDate: addDays(w.monday, 2 * i),
        source: 'check-in',
        sourceId: '',
        explicit: true,
      });
    await f.checkIns.recordBackPain(runnerId, weekLabelOf(w.monday), w.pain, new Date(SUNDAY_EVENING));
  }
}

const THREE_PAINFUL_WEEKS = [
  { monday: '2026-05-11', core: 3, pain: true },
  { monday: '2026-05-18', core: 3, pain: true },
  { monday: '2026-05-25', core: 3, pain: true },
];

it('three weeks of pain despite core work 3×/week: one referral email, once', async () => {
  const f = fakes(SUNDAY_EVENING);
  const runner = madridRunner(1);
  await weeksOf(f, runner.runnerId, THREE_PAINFUL_WEEKS);
  const weeks = (await jobDay(runner, SUNDAY, f)).weeks;

  expect(await referIfBackPainPersists(runner, weeks, f)).toEqual({
    kind: 'back-pain',
    outcome: { status: 'sent', messageId: 'm1' },
  });
  const [email] = f.notifier.of('back-pain');
  expect(email).toMatchObject({ channel: 'email', to: 'kai@example.com' });
  expect(email!.text).toMatch(/physical therapist|physiotherapist/i);
  expect(email!.text).toMatch(/not a diagnosis/i);
  expect(f.ledger.claimed).toContain(`${runner.runnerId}/back-pain#2026-W22`);

  // Checked again (the weekly email after the check-in): the same latest week, no second email.
  expect(await referIfBackPainPersists(runner, weeks, f)).toEqual({ kind: 'back-pain', outcome: { status: 'already-sent' } });
  expect(f.notifier.of('back-pain')).toHaveLength(1);
});

it('two weeks of pain, or a painful week with too little core work in the run, is no referral', async () => {
  const f = fakes(SUNDAY_EVENING);
  const twoWeeks = madridRunner(2);
  const littleCore = madridRunner(3);
  await weeksOf(f, twoWeeks.runnerId, THREE_PAINFUL_WEEKS.slice(1));
  await weeksOf(f, littleCore.runnerId, [
    THREE_PAINFUL_WEEKS[0]!,
    { monday: '2026-05-18', core: 2, pain: true },
    THREE_PAINFUL_WEEKS[2]!,
  ]);
  for (const r of [twoWeeks, littleCore])
    expect(await referIfBackPainPersists(r, (await jobDay(r, SUNDAY, f)).weeks, f)).toBeNull();
  expect(f.notifier.sent).toHaveLength(0);
});

it('no email address: no referral, and the answers are not read', async () => {
  const f = fakes(SUNDAY_EVENING);
  const runner = madridRunner(4, { email: null });
  await weeksOf(f, runner.runnerId, THREE_PAINFUL_WEEKS);
  const weeks = (await jobDay(runner, SUNDAY, f)).weeks;
  let reads = 0;
  const checkIns = {
    listBackPain: async () => {
      reads++;
      return [];
    },
  };
  expect(await referIfBackPainPersists(runner, weeks, { ...f, checkIns })).toBeNull();
  expect(reads).toBe(0);
  expect(f.notifier.sent).toHaveLength(0);
});
