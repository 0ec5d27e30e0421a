/**
 * answerCheckIn on in-memory stores: a tapped core link counts once per day and reports the week's
 * sessions; a "yes" to back pain that completes three weeks of pain despite core work sends the
 * referral at once, a "no" only records; a plank result is dated today, never before the offer.
 */
import { expect, it } from 'vitest';
import { weekLabelOf } from '../../../shared/domain/week/aggregate.js';
import { addDays } from '../../../shared/domain/week/dates.js';
import { answerCheckIn } from '../../../shared/usecases/answer-check-in.js';
import { fakes, madridRunner } from './job-fixtures.js';

it('a tapped core link logs today once; the page learns whether it counted and the week so far', async () => {
  const f = fakes('2026-06-03T17:00:00Z'); // Wednesday 19:00 in Madrid
  const runner = madridRunner(1);
  await f.checkIns.addCoreSession({
    runnerId: runner.runnerId,
    localDate: '2026-06-01',
    source: 'check-in',
    sourceId: '',
    explicit: true,
  });
  const link = { date: '2026-06-03' };

  expect(await answerCheckIn(runner, link, { kind: 'core' }, f)).toEqual({ kind: 'core', counted: true, coreSessions: 2 });
  expect(await answerCheckIn(runner, link, { kind: 'core' }, f)).toEqual({ kind: 'core', counted: false, coreSessions: 2 });
});

it('the "yes" that makes three weeks of pain despite core work 3×/week sends the referral now, once', async () => {
  const f = fakes('2026-06-04T10:00:00Z'); // Thursday of 2026-W23
  const runner = madridRunner(2);
  for (const monday of ['2026-05-18', '2026-05-25', '2026-06-01']) {
    for (const offset of [0, 1, 2]) {
      const localDate = addDays(monday, offset);
      await f.checkIns.addCoreSession({ runnerId: runner.runnerId, localDate, source: 'check-in', sourceId: '', explicit: true });
    }
  }
  for (const monday of ['2026-05-18', '2026-05-25'])
    await f.checkIns.recordBackPain(runner.runnerId, weekLabelOf(monday), true, f.clock.now());

  const outcome = await answerCheckIn(runner, { date: '2026-06-01' }, { kind: 'pain', pain: true }, f);
  expect(outcome).toEqual({
    kind: 'pain',
    pain: true,
    referral: { kind: 'back-pain', outcome: { status: 'sent', messageId: 'm1' } },
  });
  expect(f.notifier.of('back-pain')).toHaveLength(1);
  expect(f.ledger.claimed).toContain(`${runner.runnerId}/back-pain#2026-W23`);
  // Answering again (a second tap): recorded again, but no second email.
  await answerCheckIn(runner, { date: '2026-06-01' }, { kind: 'pain', pain: true }, f);
  expect(f.notifier.of('back-pain')).toHaveLength(1);
});

it('a "no" is recorded for the link\'s week, and nothing else is read or sent', async () => {
  const f = fakes('2026-06-04T10:00:00Z');
  const runner = madridRunner(3);
  let reads = 0;
  const workouts = {
    listWorkouts: async () => {
      reads++;
      return [];
    },
  };
  expect(await answerCheckIn(runner, { date: '2026-05-25' }, { kind: 'pain', pain: false }, { ...f, workouts })).toEqual({
    kind: 'pain',
    pain: false,
    referral: null,
  });
  expect(await f.checkIns.listBackPain(runner.runnerId, ['2026-W22'])).toEqual([{ week: '2026-W22', pain: false }]);
  expect(reads).toBe(0);
  expect(f.notifier.sent).toHaveLength(0);
});

it('a plank result is logged for today, or for the offer day when the clock is behind it', async () => {
  const f = fakes('2026-06-04T10:00:00Z');
  const runner = madridRunner(4);
  expect(await answerCheckIn(runner, { date: '2026-06-02' }, { kind: 'plank', completed: true }, f)).toEqual({
    kind: 'plank',
    completed: true,
  });
  expect(await f.checkIns.lastPlankTest(runner.runnerId)).toEqual({ date: '2026-06-04', kind: 'completed' });
  await answerCheckIn(runner, { date: '2026-06-05' }, { kind: 'plank', completed: false }, f);
  expect(await f.checkIns.lastPlankTest(runner.runnerId)).toEqual({ date: '2026-06-05', kind: 'not-completed' });
});
