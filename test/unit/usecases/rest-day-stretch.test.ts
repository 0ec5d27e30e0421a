/**
 * remindRestDayStretch on in-memory stores: the hamstring reminder goes only on a day without a run,
 * only to a runner who asked for it and can be texted, and once per day.
 */
import { expect, it } from 'vitest';
import { remindRestDayStretch } from '../../../shared/usecases/rest-day-stretch.js';
import { fakes, jobDay, madridRunner, runnerId, run } from './job-fixtures.js';

const WEDNESDAY_EVENING = '2026-07-01T16:00:00Z'; // 18:00 in Madrid

it('on a rest day, a runner who asked gets one reminder however often the job runs', async () => {
  const f = fakes(WEDNESDAY_EVENING);
  const day = await jobDay(madridRunner(1, { dailyStretch: true }), '2026-07-01', f);
  expect(await remindRestDayStretch(day, f)).toEqual({ kind: 'daily-stretch', outcome: { status: 'sent', messageId: 'm1' } });
  expect(await remindRestDayStretch(day, f)).toEqual({ kind: 'daily-stretch', outcome: { status: 'already-sent' } });
  const sent = f.notifier.of('daily-stretch');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ channel: 'sms', to: '+34612345678' });
  expect(sent[0]!.text).toContain('5x60s');
});

it('nothing on a day with a run', async () => {
  const f = fakes(WEDNESDAY_EVENING);
  await f.workouts.putWorkout(run(runnerId(2), '2026-07-01T06:00:00Z'));
  const day = await jobDay(madridRunner(2, { dailyStretch: true }), '2026-07-01', f);
  expect(await remindRestDayStretch(day, f)).toBeNull();
  expect(f.notifier.sent).toHaveLength(0);
});

it('nothing for a runner who did not ask, or who cannot be texted', async () => {
  const f = fakes(WEDNESDAY_EVENING);
  const notAsked = await jobDay(madridRunner(3), '2026-07-01', f);
  const noSms = await jobDay(madridRunner(4, { dailyStretch: true, phone: null }), '2026-07-01', f);
  expect(await remindRestDayStretch(notAsked, f)).toBeNull();
  expect(await remindRestDayStretch(noSms, f)).toBeNull();
  expect(f.notifier.sent).toHaveLength(0);
});
