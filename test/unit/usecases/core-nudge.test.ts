/**
 * nudgeCoreWork on in-memory stores: the evening text comes when the week's core target can no
 * longer be met without doubling up, once per local day, with a one-tap "done" link; a runner who
 * cannot be texted gets a skipped step, not a text.
 */
import { expect, it } from 'vitest';
import { nudgeCoreWork } from '../../../shared/usecases/core-nudge.js';
import { fakes, jobDay, madridRunner, runnerId, PUBLIC_URL } from './job-fixtures.js';

// Week 2026-W23 runs Monday 1 – Sunday 7 June. 16:00 UTC is 18:00 in Madrid.
const THURSDAY_EVENING = '2026-06-04T16:00:00Z';

it('texts on Thursday evening with no core session yet (3 needed, 3 days left), once that day', async () => {
  const f = fakes(THURSDAY_EVENING);
  const runner = madridRunner(1);
  const day = { ...(await jobDay(runner, '2026-06-04', f)), localHour: 18 };

  const first = await nudgeCoreWork(day, f);
  expect(first).toEqual({ kind: 'core-nudge', outcome: { status: 'sent', messageId: 'm1' } });
  const [text] = f.notifier.of('core-nudge');
  expect(text).toMatchObject({ channel: 'sms', to: '+34612345678' });
  expect(text!.text).toContain(`${PUBLIC_URL}/c/`);
  expect(text!.text).toMatch(/0 of 3|0\/3/);

  expect(await nudgeCoreWork(day, f)).toEqual({ kind: 'core-nudge', outcome: { status: 'already-sent' } });
  expect(f.notifier.of('core-nudge')).toHaveLength(1);
});

it('stays silent while the target can still be met: Wednesday evening with none done', async () => {
  const f = fakes('2026-06-03T16:00:00Z');
  const day = { ...(await jobDay(madridRunner(2), '2026-06-03', f)), localHour: 18 };
  expect(await nudgeCoreWork(day, f)).toBeNull();
  expect(f.notifier.sent).toHaveLength(0);
});

it('stays silent once the week has its three sessions', async () => {
  const f = fakes(THURSDAY_EVENING);
  for (const date of ['2026-06-01', '2026-06-02', '2026-06-03'])
    await f.checkIns.addCoreSession({
      runnerId: runnerId(3),
      localDate: date,
      source: 'check-in',
      sourceId: '',
      explicit: false,
    });
  const day = { ...(await jobDay(madridRunner(3), '2026-06-04', f)), localHour: 18 };
  expect(await nudgeCoreWork(day, f)).toBeNull();
});

it('a due nudge for a runner with texts switched off is a skipped step and nothing is claimed', async () => {
  const f = fakes(THURSDAY_EVENING);
  const runner = madridRunner(4, { channels: { sms: false, email: true } });
  const day = { ...(await jobDay(runner, '2026-06-04', f)), localHour: 18 };
  expect(await nudgeCoreWork(day, f)).toEqual({ kind: 'core-nudge', outcome: { status: 'skipped', reason: 'no-sms' } });
  expect(f.notifier.sent).toHaveLength(0);
  expect(f.ledger.claimed.size).toBe(0);
});

it('during quiet hours the nudge is held in the due queue until they end, not sent', async () => {
  const f = fakes(THURSDAY_EVENING);
  const runner = madridRunner(5, { quietHours: { start: '17:00', end: '07:00' } });
  const day = { ...(await jobDay(runner, '2026-06-04', f)), localHour: 18 };
  expect(await nudgeCoreWork(day, f)).toEqual({
    kind: 'core-nudge',
    outcome: { status: 'held', dueAt: '2026-06-05T05:00:00.000Z' },
  });
  expect(f.notifier.sent).toHaveLength(0);
  expect(f.due.items.map((i) => i.id)).toEqual(['core-nudge#2026-06-04']);
});
