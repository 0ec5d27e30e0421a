/**
 * offerPlankTest on in-memory stores: offered on a rest day to a runner with 6+ months of running
 * (counted from the history import's window when the import cut the history off), by text or else
 * by email, recorded so the next four weeks stay quiet; the year of history is read only when a
 * rest day and the 4-week gap allow an offer at all.
 */
import { expect, it } from 'vitest';
import type { WorkoutStore } from '../../../shared/ports/index.js';
import { offerPlankTest } from '../../../shared/usecases/plank-offer.js';
import { fakes, jobDay, madridRunner, PUBLIC_URL, run, runsBetween, type Fakes } from './job-fixtures.js';

// A run every 3 days from Monday 3 November 2025 to Sunday 31 May 2026; Tuesday 2 June is a rest day.
const TUESDAY = '2026-06-02';
const TUESDAY_EVENING = '2026-06-02T16:00:00Z';

/** The fakes' workouts, counting reads. */
function countingWorkouts(f: Fakes) {
  const counter = {
    reads: 0,
    listWorkouts: ((...args) => {
      counter.reads++;
      return f.workouts.listWorkouts(...args);
    }) as WorkoutStore['listWorkouts'],
  };
  return counter;
}

it('offers the test by text on a rest day after 6+ months of running, records the offer, and sends it once', async () => {
  const f = fakes(TUESDAY_EVENING);
  const runner = madridRunner(1);
  await runsBetween(f, runner.runnerId, '2025-11-03', '2026-05-31');
  const day = await jobDay(runner, TUESDAY, f);

  expect(await offerPlankTest(day, f)).toEqual({ kind: 'plank-test', outcome: { status: 'sent', messageId: 'm1' } });
  const [offer] = f.notifier.of('plank-test');
  expect(offer).toMatchObject({ channel: 'sms', to: '+34612345678' });
  expect(offer!.text).toMatch(new RegExp(`${PUBLIC_URL.replaceAll('.', '\\.')}/c/[\\w-]{47}`));
  expect(await f.checkIns.lastPlankTest(runner.runnerId)).toEqual({ date: TUESDAY, kind: 'offered' });

  // The job running again that evening: the recorded offer keeps it quiet.
  expect(await offerPlankTest(day, f)).toBeNull();
  // And were the offer not recorded yet (a crash right after the send), the ledger still sends it once.
  f.checkIns.plank.length = 0;
  expect(await offerPlankTest(day, f)).toEqual({ kind: 'plank-test', outcome: { status: 'already-sent' } });
  expect(f.notifier.of('plank-test')).toHaveLength(1);
});

it('within four weeks of an offer nothing is sent and the year of history is not even read', async () => {
  const f = fakes('2026-06-29T16:00:00Z');
  const runner = madridRunner(2);
  await runsBetween(f, runner.runnerId, '2025-11-03', '2026-05-31');
  await f.checkIns.recordPlankTest(runner.runnerId, { date: TUESDAY, kind: 'offered' });
  const day = await jobDay(runner, '2026-06-29', f); // 27 days later
  const workouts = countingWorkouts(f);
  expect(await offerPlankTest(day, { ...f, workouts })).toBeNull();
  expect(workouts.reads).toBe(0);

  const later = await jobDay(runner, '2026-06-30', f); // 28 days: due again
  expect(await offerPlankTest(later, { ...f, workouts })).toMatchObject({ kind: 'plank-test' });
  expect(f.notifier.of('plank-test')).toHaveLength(1);
});

it('not on a day with a run', async () => {
  const f = fakes(TUESDAY_EVENING);
  const runner = madridRunner(3);
  await runsBetween(f, runner.runnerId, '2025-11-03', '2026-05-31');
  await f.workouts.putWorkout(run(runner.runnerId, '2026-06-02T06:00:00Z'));
  const workouts = countingWorkouts(f);
  expect(await offerPlankTest(await jobDay(runner, TUESDAY, f), { ...f, workouts })).toBeNull();
  expect(workouts.reads).toBe(0);
  expect(await f.checkIns.lastPlankTest(runner.runnerId)).toBeNull();
});

it('without a text channel the offer comes by email, with the circuit; with neither, not at all', async () => {
  const f = fakes(TUESDAY_EVENING);
  const byEmail = madridRunner(4, { phone: null });
  const unreachable = madridRunner(5, { phone: null, email: null });
  for (const r of [byEmail, unreachable]) await runsBetween(f, r.runnerId, '2025-11-03', '2026-05-31');

  expect(await offerPlankTest(await jobDay(byEmail, TUESDAY, f), f)).toMatchObject({ outcome: { status: 'sent' } });
  const [email] = f.notifier.of('plank-test');
  expect(email).toMatchObject({ channel: 'email', to: 'kai@example.com', subject: 'Rest day? Time for the plank test' });
  expect(email!.text).toContain(`${PUBLIC_URL}/c/`);

  expect(await offerPlankTest(await jobDay(unreachable, TUESDAY, f), f)).toBeNull();
  expect(await f.checkIns.lastPlankTest(unreachable.runnerId)).toBeNull();
});

it('two months of running is not enough', async () => {
  const f = fakes(TUESDAY_EVENING);
  const runner = madridRunner(6);
  await runsBetween(f, runner.runnerId, '2026-04-01', '2026-05-31');
  expect(await offerPlankTest(await jobDay(runner, TUESDAY, f), f)).toBeNull();
  expect(f.notifier.sent).toHaveLength(0);
});

it('history the import cut off counts from the import window, so a long-time runner qualifies on day one', async () => {
  const f = fakes(TUESDAY_EVENING);
  const imported = madridRunner(7);
  const notImported = madridRunner(8);
  // The import reached back to 1 December; the first run it found was on 3 December.
  f.backfills.cursors.set(imported.runnerId, {
    after: '2025-12-01T10:00:00.000Z',
    before: '2026-06-01T10:00:00.000Z',
    nextPage: 2,
    imported: 60,
    startedAt: '2026-06-01T10:00:00.000Z',
    finishedAt: '2026-06-01T10:00:05.000Z',
  });
  for (const r of [imported, notImported]) await runsBetween(f, r.runnerId, '2025-12-03', '2026-05-31');

  expect(await offerPlankTest(await jobDay(imported, TUESDAY, f), f)).toMatchObject({ kind: 'plank-test' });
  // The same history without an import window is a few days short of 6 months.
  expect(await offerPlankTest(await jobDay(notImported, TUESDAY, f), f)).toBeNull();
});
