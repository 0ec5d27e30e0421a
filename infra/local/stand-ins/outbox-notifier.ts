import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../../../shared/domain/types.js';
import type { Clock, Notifier, SendOptions } from '../../../shared/ports/index.js';
import type { OutboxStore } from './outbox-store.js';
import { maskAddress } from '../../../shared/adapters/logging.js';

/** A text (≤ 160 characters) is printed whole; an email shows its subject and the start of its text. */
const PREVIEW_CHARS = 160;

/**
 * Local runtime: instead of sending, stores the message in the outbox (listed by GET /dev/outbox)
 * and prints one line so a developer sees it happen. The line masks the address: terminal output
 * ends up in CI logs and screenshots.
 */
export class OutboxNotifier implements Notifier {
  private readonly store: Pick<OutboxStore, 'add' | 'addOnce'>;
  private readonly clock: Clock;
  private readonly print: (line: string) => void;

  /** `print` receives the one-line notice; stdout by default. */
  constructor(
    store: Pick<OutboxStore, 'add' | 'addOnce'>,
    clock: Clock = { now: () => new Date() },
    print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    this.store = store;
    this.clock = clock;
    this.print = print;
  }

  async send(message: OutgoingMessage, options: SendOptions = {}): Promise<{ messageId: string }> {
    const entry = {
      id: randomUUID(),
      runnerId: message.runnerId,
      channel: message.channel,
      to: message.to,
      kind: message.kind,
      subject: message.subject,
      text: message.text,
      html: message.html,
      at: this.clock.now().toISOString(),
    };
    const { idempotencyKey } = options;
    const id = idempotencyKey && this.store.addOnce ? await this.store.addOnce(entry, idempotencyKey) : entry.id;
    if (id !== entry.id) return { messageId: id }; // a repeat: already in the outbox, said once
    if (!idempotencyKey || !this.store.addOnce) await this.store.add(entry);
    const oneLine = (message.subject ? `${message.subject} | ${message.text}` : message.text).replace(/\s+/g, ' ').trim();
    const preview = oneLine.length > PREVIEW_CHARS ? `${oneLine.slice(0, PREVIEW_CHARS)}…` : oneLine;
    this.print(`[outbox] ${message.channel} ${message.kind} to ${maskAddress(message.to)} (${id}): ${preview}`);
    return { messageId: id };
  }
}
