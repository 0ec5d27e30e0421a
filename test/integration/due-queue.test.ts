import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import type { DueItem } from '../../shared/ports/index.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

const now = new Date('2026-03-10T12:30:00.000Z');
const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

function item(runnerId: string, id: string, dueAt: string): DueItem {
  return {
    runnerId,
    id,
    dueAt,
    payload: {
      type: 'message',
      ledgerKey: `stretch#${id}`,
      message: { runnerId, channel: 'sms', to: '+14155550123', kind: 'post-run-stretch', text: `hello ${id}` },
    },
  };
}

let db: RunningDynalite;
let table: TestTable;

beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

describe('DynamoDueQueue', () => {
  let queue: DynamoDueQueue;
  beforeAll(async () => {
    table = await createTestTable(db.endpoint);
    queue = new DynamoDueQueue(table.client, table.tableName);
    // Scheduled out of order, across runners and hour buckets.
    await queue.schedule(item('rA', 'now', now.toISOString())); // due exactly now: included
    await queue.schedule(item('rB', 'future', iso(60_000))); // later this hour: excluded
    await queue.schedule(item('rA', 'h-3', iso(-3 * HOUR)));
    await queue.schedule(item('rB', 'h-47', iso(-47 * HOUR)));
    await queue.schedule(item('rA', 'm-10', iso(-10 * 60_000)));
    await queue.schedule(item('rC', 'h-49', iso(-49 * HOUR))); // beyond the 48 h look-back
    await queue.schedule(item('rC', 'tomorrow', iso(24 * HOUR)));
  });

  it('lists due items oldest first, with their payload', async () => {
    const due = await queue.listDue(now, 50);
    expect(due.map((d) => d.id)).toEqual(['h-47', 'h-3', 'm-10', 'now']);
    expect(due[0]).toEqual(item('rB', 'h-47', iso(-47 * HOUR)));
  });

  it('honours the limit, keeping the oldest', async () => {
    expect((await queue.listDue(now, 2)).map((d) => d.id)).toEqual(['h-47', 'h-3']);
    expect((await queue.listDue(now, 1)).map((d) => d.id)).toEqual(['h-47']);
  });

  it('keeps one item per id when rescheduled', async () => {
    await queue.schedule(item('rD', 'again', iso(-2 * HOUR)));
    await queue.schedule(item('rD', 'again', iso(-HOUR)));
    const due = await queue.listDue(now, 50);
    expect(due.filter((d) => d.id === 'again').map((d) => d.dueAt)).toEqual([iso(-HOUR)]);
    expect((await table.scanAll()).filter((i) => i.sk === 'DUE#again')).toHaveLength(1);
    expect(await queue.remove(item('rD', 'again', iso(-2 * HOUR)))).toBe(false); // a stale listing
    expect(await queue.remove(item('rD', 'again', iso(-HOUR)))).toBe(true);
  });

  it('removes an item once, even with two workers racing', async () => {
    const [target] = await queue.listDue(now, 1);
    expect(target).toBeDefined();
    const results = await Promise.all([queue.remove(target!), queue.remove(target!)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await queue.remove(target!)).toBe(false);
    expect((await queue.listDue(now, 50)).map((d) => d.id)).toEqual(['h-3', 'm-10', 'now']);
  });
});
