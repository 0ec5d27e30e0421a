import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../infra/local/stand-ins/outbox-store.js';
import { OutboxNotifier } from '../../../infra/local/stand-ins/outbox-notifier.js';

describe('OutboxNotifier (local email)', () => {
  it('stores both parts of an email: subject, text and HTML', async () => {
    const stored: OutboxEntry[] = [];
    const notifier = new OutboxNotifier(
      { add: (e) => (stored.push(e), Promise.resolve()) },
      { now: () => new Date('2026-03-02T08:00:00.000Z') },
      () => {},
    );
    const { messageId } = await notifier.send({
      runnerId: 'r-1',
      channel: 'email',
      to: 'alice@example.com',
      kind: 'weekly-digest',
      subject: 'Your week',
      text: '42 km',
      html: '<p>42 km</p>',
    });
    expect(stored).toEqual([
      {
        id: messageId,
        runnerId: 'r-1',
        channel: 'email',
        to: 'alice@example.com',
        kind: 'weekly-digest',
        subject: 'Your week',
        text: '42 km',
        html: '<p>42 km</p>',
        at: '2026-03-02T08:00:00.000Z',
      },
    ]);
  });
});
