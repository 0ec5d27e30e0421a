import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutboxStore, type OutboxEntry } from '../../infra/local/stand-ins/outbox-store.js';
import { OutboxNotifier } from '../../infra/local/stand-ins/outbox-notifier.js';
import { createTestTable, startDynalite, type RunningDynalite, type TestTable } from '../support/dynalite.js';

let db: RunningDynalite;
let table: TestTable;

beforeAll(async () => {
  db = await startDynalite();
  table = await createTestTable(db.endpoint);
});
afterAll(async () => {
  await db.stop();
});

const entry = (id: string, at: string): OutboxEntry => ({
  id,
  runnerId: 'r1',
  channel: 'sms',
  to: '+14155550123',
  kind: 'post-run-stretch',
  text: `text ${id}`,
  at,
});

describe('outbox', () => {
  it('lists stored entries oldest first', async () => {
    const store = new DynamoOutboxStore(table.client, table.tableName);
    await store.add(entry('b', '2026-03-01T10:00:00.000Z'));
    await store.add({
      ...entry('c', '2026-03-01T11:00:00.000Z'),
      channel: 'email',
      to: 'a@example.com',
      subject: 'S',
      html: '<p>h</p>',
    });
    await store.add(entry('a', '2026-03-01T09:00:00.000Z'));
    const list = await store.list();
    expect(list.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(list[2]).toEqual({
      ...entry('c', '2026-03-01T11:00:00.000Z'),
      channel: 'email',
      to: 'a@example.com',
      subject: 'S',
      html: '<p>h</p>',
    });
  });

  it('OutboxNotifier stores the message and prints one masked line', async () => {
    const fresh = await createTestTable(db.endpoint);
    const store = new DynamoOutboxStore(fresh.client, fresh.tableName);
    const lines: string[] = [];
    const notifier = new OutboxNotifier(store, { now: () => new Date('2026-03-01T12:00:00.000Z') }, (l) => lines.push(l));
    const sms = await notifier.send({
      runnerId: 'r9',
      channel: 'sms',
      to: '+14155550123',
      kind: 'post-run-stretch',
      text: 'Nice run!\nStretch your hamstrings.',
    });
    await notifier.send({
      runnerId: 'r9',
      channel: 'email',
      to: 'alice@example.com',
      kind: 'weekly-digest',
      subject: 'Week',
      text: 'Digest',
    });
    const list = await store.list();
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({
      id: sms.messageId,
      runnerId: 'r9',
      channel: 'sms',
      to: '+14155550123',
      kind: 'post-run-stretch',
      text: 'Nice run!\nStretch your hamstrings.',
      at: '2026-03-01T12:00:00.000Z',
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('+1******0123');
    expect(lines[0]).not.toContain('4155550123');
    expect(lines[0]).not.toContain('\n');
    expect(lines[1]).toContain('a***@example.com');
    expect(lines[1]).not.toContain('alice');
  });
});
