/**
 * sendWeeklyDigest on in-memory stores: one email per ISO week, for the week of the job's Sunday slot
 * even when the run is delayed into Monday; nothing read for a runner without an email address; the
 * back-pain referral checked with the same weeks.
 */
import { expect, it } from 'vitest';
import { weekLabelOf } from '../../../shared/domain/week/aggregate.js';
import { addDays } from '../../../shared/domain/week/dates.js';
import type { WorkoutStore } from '../../../shared/ports/index.js';
import { sendWeeklyDigest } from '../../../shared/usecases/weekly-digest.js';
import { fakes, madridRunner, PUBLIC_URL, run } from './job-fixtures.js';

it('a digest delayed into Monday reports the week that ended, once; next Sunday gets its own', async () => {
  const f = fakes('2026-06-15T08:00:00Z'); // Monday 10:00 in Madrid: Sunday's run was missed
  const runner = madridRunner(1);
  await f.workouts.putWorkout(run(runner.runnerId, '2026-06-10T07:00:00Z', 12_000)); // Wednesday of W24

  expect(await sendWeeklyDigest(runner, f)).toEqual([{ kind: 'weekly-digest', outcome: { status: 'sent', messageId: 'm1' } }]);
  expect(await sendWeeklyDigest(runner, f)).toEqual([{ kind: 'weekly-digest', outcome: { status: 'already-sent' } }]);
  const [digest] = f.notifier.of('weekly-digest');
  expect(digest).toMatchObject({ channel: 'email', to: 'kai@example.com' });
  expect(digest!.subject).toContain('12.0 km');
  expect(digest!.text).toContain('8–14 Jun');
  expect(digest!.text).toContain(`${PUBLIC_URL}/settings`);

  f.clock.set('2026-06-21T16:00:00Z'); // Sunday 18:00: W25's own
  await sendWeeklyDigest(runner, f);
  const digests = f.notifier.of('weekly-digest');
  expect(digests).toHaveLength(2);
  expect(digests[1]!.text).toContain('15–21 Jun');
});

it('a runner without an email address (or with email off) is skipped without reading their week', async () => {
  const f = fakes('2026-06-07T16:00:00Z');
  let reads = 0;
  const workouts = {
    listWorkouts: (async () => {
      reads++;
      return [];
    }) as WorkoutStore['listWorkouts'],
  };
  for (const runner of [madridRunner(2, { email: null }), madridRunner(3, { channels: { sms: true, email: false } })]) {
    expect(await sendWeeklyDigest(runner, { ...f, workouts })).toEqual([
      { kind: 'weekly-digest', outcome: { status: 'skipped', reason: 'no-email' } },
    ]);
  }
  expect(reads).toBe(0);
  expect(f.notifier.sent).toHaveLength(0);
});

it('after three weeks of back pain with core work 3×/week, the digest comes with the referral', async () => {
  const f = fakes('2026-06-07T16:00:00Z');
  const runner = madridRunner(4);
  for (const monday of ['2026-05-11', '2026-05-18', '2026-05-25']) {
    for (const offset of [0, 2, 4]) {
      const localDate = addDays(monday, offset);
      await f.checkIns.addCoreSession({ runnerId: runner.runnerId, localDate, source: 'check-in', sourceId: '', explicit: true });
    }
    await f.checkIns.recordBackPain(runner.runnerId, weekLabelOf(monday), true, f.clock.now());
  }
  const steps = await sendWeeklyDigest(runner, f);
  expect(steps.map((s) => [s.kind, s.outcome.status])).toEqual([
    ['weekly-digest', 'sent'],
    ['back-pain', 'sent'],
  ]);
});
