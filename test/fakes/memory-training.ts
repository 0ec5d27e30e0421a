/**
 * In-memory ports for the message use cases: workouts (listed by local date, like the DynamoDB
 * store), check-ins (a tapped core link counts once per day; the latest plank entry sorts like the
 * store's sort key), the send ledger, the due queue, and a notifier that records what it sent (or
 * refuses the runners told to fail).
 */
import type { OutgoingMessage, Workout } from '../../shared/domain/types.js';
import type { CoreSession } from '../../shared/domain/week/types.js';
import type {
  BackfillCursor,
  BackfillStore,
  DueItem,
  DueQueue,
  Ledger,
  LedgerClaim,
  LedgerClaimOptions,
  Notifier,
  WorkoutStore,
} from '../../shared/ports/index.js';
import type { CheckInStore } from '../../shared/ports/index.js';

type PlankEntry = { date: string; kind: 'offered' | 'completed' | 'not-completed' };

export class MemoryWorkouts implements Pick<WorkoutStore, 'putWorkout' | 'listWorkouts'> {
  readonly items: Workout[] = [];
  async putWorkout(w: Workout): Promise<void> {
    const i = this.items.findIndex((x) => x.runnerId === w.runnerId && x.sourceId === w.sourceId);
    if (i >= 0) this.items.splice(i, 1);
    this.items.push(structuredClone(w));
  }
  async listWorkouts(runnerId: string, fromDate: string, toDate: string): Promise<Workout[]> {
    return this.items
      .filter((w) => w.runnerId === runnerId && w.localDate >= fromDate && w.localDate <= toDate)
      .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.startUtc.localeCompare(b.startUtc))
      .map((w) => structuredClone(w));
  }
}

export class MemoryCheckIns implements CheckInStore {
  readonly core: CoreSession[] = [];
  readonly backPain = new Map<string, boolean>();
  readonly plank: (PlankEntry & { runnerId: string })[] = [];

  async addCoreSession(session: CoreSession): Promise<boolean> {
    const id = session.explicit ? session.sourceId || `logged-${this.core.length}` : `checkin-${session.localDate}`;
    if (this.core.some((c) => c.runnerId === session.runnerId && c.localDate === session.localDate && c.sourceId === id))
      return false;
    this.core.push({ ...session, sourceId: id });
    return true;
  }
  async listCoreSessions(runnerId: string, from: string, to: string): Promise<CoreSession[]> {
    return this.core
      .filter((c) => c.runnerId === runnerId && c.localDate >= from && c.localDate <= to)
      .sort((a, b) => a.localDate.localeCompare(b.localDate));
  }
  async recordBackPain(runnerId: string, week: string, pain: boolean, _at: Date): Promise<void> {
    this.backPain.set(`${runnerId}/${week}`, pain);
  }
  async listBackPain(runnerId: string, weeks: string[]): Promise<{ week: string; pain: boolean }[]> {
    return weeks.flatMap((week) => {
      const pain = this.backPain.get(`${runnerId}/${week}`);
      return pain === undefined ? [] : [{ week, pain }];
    });
  }
  async recordPlankTest(runnerId: string, entry: PlankEntry): Promise<void> {
    if (!this.plank.some((p) => p.runnerId === runnerId && p.date === entry.date && p.kind === entry.kind))
      this.plank.push({ runnerId, ...entry });
  }
  async lastPlankTest(runnerId: string): Promise<PlankEntry | null> {
    const last = this.plank
      .filter((p) => p.runnerId === runnerId)
      .map(({ date, kind }) => ({ date, kind }))
      .sort((a, b) => `${b.date}#${b.kind}`.localeCompare(`${a.date}#${a.kind}`))[0];
    return last ?? null;
  }
}

export class MemoryBackfills implements Pick<BackfillStore, 'getCursor'> {
  readonly cursors = new Map<string, BackfillCursor>();
  async getCursor(runnerId: string): Promise<BackfillCursor | null> {
    return this.cursors.get(runnerId) ?? null;
  }
}

/**
 * The two-phase ledger in memory, with DynamoLedger's rules (shared/adapters/dynamo/ledger.ts):
 * claimed (with a lease) → sent or held; an expired claim with no message id may be taken again.
 * `claimed` lists every key that has an entry, whatever its state.
 */
export class MemoryLedger implements Ledger {
  readonly entries = new Map<
    string,
    { state: 'claimed' | 'sent' | 'held'; leaseUntil?: number; messageId?: string; dueAt?: string }
  >();
  get claimed(): Set<string> {
    return new Set(this.entries.keys());
  }
  async claim(runnerId: string, key: string, now: Date, options: LedgerClaimOptions): Promise<LedgerClaim> {
    const id = `${runnerId}/${key}`;
    const e = this.entries.get(id);
    const abandoned = e?.state === 'claimed' && !e.messageId && (e.leaseUntil ?? 0) < now.getTime();
    if (!e || abandoned || (options.takeHeld && e.state === 'held')) {
      this.entries.set(id, {
        state: 'claimed',
        leaseUntil: now.getTime() + options.leaseSeconds * 1000,
        ...(options.takeHeld && e?.dueAt ? { dueAt: e.dueAt } : {}),
      });
      return 'claimed';
    }
    return e.state === 'claimed' && !e.messageId ? 'in-flight' : 'done';
  }
  async recordSent(runnerId: string, key: string, messageId: string): Promise<void> {
    const e = this.entries.get(`${runnerId}/${key}`);
    if (e) this.entries.set(`${runnerId}/${key}`, { ...e, state: 'sent', messageId });
  }
  async recordHeld(runnerId: string, key: string, dueAt: string): Promise<void> {
    const e = this.entries.get(`${runnerId}/${key}`);
    if (e) this.entries.set(`${runnerId}/${key}`, { state: 'held', dueAt });
  }
  async release(runnerId: string, key: string): Promise<void> {
    const id = `${runnerId}/${key}`;
    const e = this.entries.get(id);
    if (!e || e.messageId) return;
    if (e.dueAt) this.entries.set(id, { state: 'held', dueAt: e.dueAt });
    else this.entries.delete(id);
  }
}

export class MemoryDueQueue implements DueQueue {
  items: DueItem[] = [];
  async schedule(item: DueItem): Promise<void> {
    this.items = [...this.items.filter((i) => i.id !== item.id), structuredClone(item)];
  }
  async scheduleIfAbsent(item: DueItem): Promise<boolean> {
    if (this.items.some((i) => i.id === item.id)) return false;
    this.items.push(structuredClone(item));
    return true;
  }
  async scheduleNoLater(item: DueItem): Promise<void> {
    const old = this.items.find((i) => i.id === item.id);
    if (!old || Date.parse(old.dueAt) > Date.parse(item.dueAt)) await this.schedule(item);
  }
  async listDue(now: Date, limit: number): Promise<DueItem[]> {
    return this.items.filter((i) => Date.parse(i.dueAt) <= now.getTime()).slice(0, limit);
  }
  async remove(item: DueItem): Promise<boolean> {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.id !== item.id);
    return this.items.length < before;
  }
}

export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  /** Runners whose messages the channel refuses (a throw, as SNS or SES would). */
  readonly failFor = new Set<string>();
  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    if (this.failFor.has(message.runnerId)) throw new Error('channel refused the message');
    this.sent.push(structuredClone(message));
    return { messageId: `m${this.sent.length}` };
  }
  of(kind: OutgoingMessage['kind']): OutgoingMessage[] {
    return this.sent.filter((m) => m.kind === kind);
  }
}
