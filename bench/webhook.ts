/**
 * Webhook acknowledgement: a Strava event POSTed to the local runtime on loopback until its 200 comes
 * back, through the real handler (zod validation, athlete lookup, dedupe record, hand-off to the bus).
 * Strava gives up after 2 s; the target is p99 <= 20 ms with 200 deliveries in flight.
 */
import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { RuntimeClient } from '../test/support/runtime-client.js';
import { metric, percentile, type BenchOptions, type Metric } from './lib.js';

const STRAVA_TIMEOUT_MS = 2000;

async function measure(
  url: string,
  athleteId: number,
  concurrency: number,
  total: number,
  seq: { n: number },
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      const i = (seq.n += 1);
      const body = JSON.stringify({
        aspect_type: 'update',
        event_time: 1_700_000_000 + i,
        object_id: 9_000_000 + i,
        object_type: 'activity',
        owner_id: athleteId,
        subscription_id: 1,
        updates: { title: `t${i}` },
      });
      const t0 = performance.now();
      const res = await fetch(`${url}/webhooks/strava`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times;
}

export async function webhookBench({ quick }: BenchOptions): Promise<Metric[]> {
  const runtime = await startLocalRuntime({
    port: 0,
    dataDir: ':memory:',
    env: {},
    log: () => undefined,
    schedulerTickMs: 3_600_000,
  });
  try {
    const client = new RuntimeClient(runtime);
    await client.connectStrava();
    const me = await client.json<{ athleteId: number }>('GET', '/api/me');
    const seq = { n: 0 };
    const run = async (c: number, total: number) => {
      if (!quick) {
        await measure(runtime.url, me.body.athleteId, c, c * 2, seq); // warm-up
        await runtime.drain();
      }
      const t = await measure(runtime.url, me.body.athleteId, c, total, seq);
      // Let the events handed off settle before the next level, so each level starts from quiet.
      await runtime.drain();
      return t;
    };
    const c1 = await run(1, quick ? 5 : 300);
    const c50 = await run(50, quick ? 50 : 1000);
    const c200 = await run(200, quick ? 200 : 2000);
    const p99c200 = percentile(c200, 99);
    return [
      metric('webhook_ack_p50_ms_c1', percentile(c1, 50), 'ms', null),
      metric('webhook_ack_p99_ms_c1', percentile(c1, 99), 'ms', null),
      metric('webhook_ack_p99_ms_c50', percentile(c50, 99), 'ms', null),
      metric('webhook_ack_p99_ms_c200', p99c200, 'ms', { op: '<=', limit: 20 }),
      metric('webhook_ack_p99_budget_share', p99c200 / STRAVA_TIMEOUT_MS, 'share of 2000 ms', { op: '<=', limit: 0.01 }, null),
    ];
  } finally {
    await runtime.stop();
  }
}
