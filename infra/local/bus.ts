import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Clock, EventPublisher } from '../../shared/ports/index.js';
import { EVENT_SOURCE, type BusEvent } from '../../shared/ports/events.js';
import { eventRoutes } from '../wiring.js';
import { invoke } from './handlers.js';

const PENDING_PK = 'LOCAL#BUS';
const DEAD_PK = 'LOCAL#BUS-DLQ';
/** EventBridge retries a failed async Lambda invocation; locally we retry quickly, the same number of times. */
const RETRY_DELAYS_MS = [200, 1000];

export interface Envelope {
  id: string;
  time: string;
  detailType: BusEvent['detailType'];
  detail: unknown;
}

/**
 * The event a rule's Lambda target receives from EventBridge: its documented keys, `time` in whole
 * seconds (`2017-12-22T18:43:48Z`, no milliseconds), a real-looking account and region.
 */
export function toEventBridgeEvent(env: Envelope): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: env.id,
    'detail-type': env.detailType,
    source: EVENT_SOURCE,
    account: '000000000000',
    time: env.time.replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: env.detail,
  };
}

/**
 * The local stand-in for the EventBridge bus and its rules. A published event is first written to the
 * table (so `200` from the webhook means "durably handed off", and a restart replays what was pending),
 * then delivered to every function whose rule matches, by the same routing table as the AWS stack.
 */
export class LocalBus implements EventPublisher {
  private queue: Envelope[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly clock: Clock,
    private readonly log: (line: string) => void,
  ) {}

  /** What the handlers publish into (BUS=local: provided to them as their publisher). */
  publish = async (events: BusEvent[]): Promise<void> => {
    const envelopes = events.map((e) => ({
      id: randomUUID(),
      time: this.clock.now().toISOString(),
      detailType: e.detailType,
      detail: e.detail,
    }));
    for (const env of envelopes) {
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: { pk: PENDING_PK, sk: `${env.time}#${env.id}`, ...env } }),
      );
    }
    this.queue.push(...envelopes);
    void this.pump();
  };

  /** Re-queues events that were accepted but not delivered before the last stop. */
  async recover(): Promise<number> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PENDING_PK },
      }),
    );
    const pending = (out.Items ?? []) as Envelope[];
    this.queue.push(...pending.map(({ id, time, detailType, detail }) => ({ id, time, detailType, detail })));
    void this.pump();
    return pending.length;
  }

  /** Resolves when every published event (and what it caused) has been delivered. */
  drain(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped && this.queue.length > 0) {
        const env = this.queue.shift()!;
        await this.deliver(env);
      }
    } finally {
      this.running = false;
      if (this.queue.length === 0 || this.stopped) this.idleWaiters.splice(0).forEach((r) => r());
    }
  }

  private async deliver(env: Envelope): Promise<void> {
    const targets = eventRoutes().filter((r) => r.detailTypes.includes(env.detailType));
    const event = toEventBridgeEvent(env);
    const failures: string[] = [];
    await Promise.all(
      targets.map(async ({ fn }) => {
        for (let attempt = 0; ; attempt++) {
          try {
            await invoke(fn, structuredClone(event));
            return;
          } catch (err) {
            const delay = RETRY_DELAYS_MS[attempt];
            if (delay === undefined || this.stopped) {
              failures.push(`${fn.name}: ${err instanceof Error ? err.message : String(err)}`);
              return;
            }
            await new Promise((r) => setTimeout(r, delay));
          }
        }
      }),
    );
    if (this.stopped) return; // leave it pending: the next start replays it
    if (failures.length > 0) {
      this.log(`bus: ${env.detailType} ${env.id} failed after retries (kept in ${DEAD_PK}): ${failures.join('; ')}`);
      await this.doc.send(
        new PutCommand({ TableName: this.table, Item: { pk: DEAD_PK, sk: `${env.time}#${env.id}`, ...env, failures } }),
      );
    }
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: PENDING_PK, sk: `${env.time}#${env.id}` } }));
  }
}
