/**
 * runJobBatch on in-memory stores: every runner of a batch is served (more than one parallel group),
 * a runner deleted since the fan-out is served with nothing to send, and a runner whose send fails
 * is reported without stopping the others, with its claim given back and its schedule moved on.
 */
import { expect, it } from 'vitest';
import { runJobBatch } from '../../../shared/usecases/run-job-batch.js';
import { MemoryRunners } from '../../fakes/memory-runners.js';
import { fakes, madridRunner, runnerId } from './job-fixtures.js';

const SUNDAY_EVENING = '2026-06-07T16:00:00Z'; // the weekly digest's slot in Madrid

it('serves every runner of a batch larger than one parallel group, one digest each', async () => {
  const f = fakes(SUNDAY_EVENING);
  const runners = Array.from({ length: 23 }, (_, i) => madridRunner(i + 1));
  const outcome = await runJobBatch(
    { job: 'weekly-digest', runnerIds: runners.map((r) => r.runnerId) },
    { ...f, runners: new MemoryRunners(...runners) },
  );
  expect(outcome.failed).toEqual([]);
  expect(outcome.results).toHaveLength(23);
  expect(new Set(f.notifier.of('weekly-digest').map((m) => m.runnerId))).toEqual(new Set(runners.map((r) => r.runnerId)));
  // Each one's next digest is the following Sunday, 18:00 in Madrid.
  expect(f.schedule.next.get(`${runners[0]!.runnerId}/weekly-digest`)).toBe('2026-06-14T16:00:00.000Z');
});

it('a failing runner is reported and retryable; the others are served; a deleted runner is no failure', async () => {
  const f = fakes(SUNDAY_EVENING);
  const ok = madridRunner(1);
  const failing = madridRunner(2);
  const gone = runnerId(3);
  f.notifier.failFor.add(failing.runnerId);

  const outcome = await runJobBatch(
    { job: 'weekly-digest', runnerIds: [failing.runnerId, gone, ok.runnerId] },
    { ...f, runners: new MemoryRunners(ok, failing) },
  );

  expect(outcome.job).toBe('weekly-digest');
  expect(outcome.failed).toEqual([{ runnerId: failing.runnerId, error: 'channel refused the message' }]);
  expect(outcome.results).toContainEqual({ runnerId: gone, steps: [] });
  expect(outcome.results).toContainEqual({
    runnerId: ok.runnerId,
    steps: [{ kind: 'weekly-digest', outcome: { status: 'sent', messageId: 'm1' } }],
  });
  expect(f.notifier.sent.map((m) => m.runnerId)).toEqual([ok.runnerId]);
  // The failed send gave its claim back, so the bus's retry can still send it...
  expect([...f.ledger.claimed].some((k) => k.startsWith(failing.runnerId))).toBe(false);
  // ...and its schedule moved on anyway, so it does not age out of the job's look-back.
  expect(f.schedule.next.get(`${failing.runnerId}/weekly-digest`)).toBe('2026-06-14T16:00:00.000Z');
  expect(f.schedule.next.has(`${gone}/weekly-digest`)).toBe(false);
});
