/**
 * The operator's signals: business metrics (EMF via Powertools, read from its store before flushing)
 * and the correlation id that follows one piece of work from an HTTP request through bus events.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundHandler } from '../../../shared/app/middleware.js';
import { correlatedPublisher, correlationId, withCorrelation } from '../../../shared/app/telemetry/correlation.js';
import { MeasuredNotifier, measuredFetch, metrics } from '../../../shared/app/telemetry/metrics.js';
import type { OutgoingMessage } from '../../../shared/domain/types.js';
import type { BusEvent } from '../../../shared/ports/events.js';

/** Name → total of the metrics stored since the last flush (EMF lists repeated values; CloudWatch sums them). */
function stored(): Record<string, unknown> {
  const emf = metrics.serializeMetrics() as unknown as Record<string, unknown> & {
    _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] };
  };
  const names = emf._aws.CloudWatchMetrics[0]!.Metrics.map((m) => m.Name);
  const total = (v: unknown) => (Array.isArray(v) ? v.reduce((a: number, b: number) => a + b, 0) : v);
  return Object.fromEntries(names.map((n) => [n, total(emf[n])]));
}
afterEach(() => metrics.clearMetrics());

const text: OutgoingMessage = {
  runnerId: 'r-1',
  channel: 'sms',
  to: '+14155550123',
  kind: 'post-run-stretch',
  text: 'Stretch now.',
} as OutgoingMessage;

describe('metrics', () => {
  it('counts texts sent and refusals, never the number', async () => {
    const ok = new MeasuredNotifier({ send: async () => ({ messageId: 'm-1' }) });
    await ok.send(text);
    await ok.send(text);
    const refused = new MeasuredNotifier({
      send: async () => {
        throw new Error('throttled');
      },
    });
    await expect(refused.send(text)).rejects.toThrow('throttled');
    expect(stored()).toMatchObject({ TextsSent: 2, MessageSendFailed: 1 });
    expect(JSON.stringify(metrics.serializeMetrics())).not.toContain('4155550123');
  });

  it('passes the idempotency key through to the provider', async () => {
    const keys: (string | undefined)[] = [];
    const n = new MeasuredNotifier({
      send: async (_m, options) => {
        keys.push(options?.idempotencyKey);
        return { messageId: 'm' };
      },
    });
    await n.send(text, { idempotencyKey: 'run-1#stretch' });
    expect(keys).toEqual(['run-1#stretch']);
  });

  it('counts Strava calls and the 429s among them, on real HTTP', async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      res.writeHead(calls === 2 ? 429 : 200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const f = measuredFetch();
    for (let i = 0; i < 3; i++) await (await f(url)).text();
    await new Promise<void>((r) => server.close(() => r()));
    expect(stored()).toMatchObject({ StravaCalls: 3, StravaRateLimited: 1 });
  });
});

describe('correlation id', () => {
  const event = (detail: Record<string, unknown>): BusEvent =>
    ({
      detailType: 'workout.recorded',
      detail: { runnerId: 'r-1', sourceId: 's-1', aspect: 'create', backfill: false, ...detail },
    }) as BusEvent;

  it('rides along in the detail of every event published while handling', async () => {
    const sent: BusEvent[] = [];
    const publisher = correlatedPublisher({ publish: async (events) => void sent.push(...events) });
    await withCorrelation('req-42', () => publisher.publish([event({})]));
    expect((sent[0]!.detail as Record<string, unknown>)['correlationId']).toBe('req-42');
  });

  it('is picked up by the consuming handler from the event it was given', async () => {
    const seen: (string | undefined)[] = [];
    const handler = backgroundHandler(async () => {
      seen.push(correlationId());
      return 'ok';
    });
    const ctx = { functionName: 'f', awsRequestId: 'a', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
    await handler({ id: 'eb-1', detail: { correlationId: 'req-42' } }, ctx);
    await handler({ id: 'eb-2', detail: {} }, ctx); // a new piece of work starts its own id
    expect(seen[0]).toBe('req-42');
    expect(seen[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses ids that could smuggle text into logs', async () => {
    const id = await withCorrelation('line\nbreak {"x":1}', async () => correlationId());
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
