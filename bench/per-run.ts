/**
 * DynamoDB requests from webhook to text for one new run, through the local runtime: the Strava
 * sandbox posts the create event, the webhook hands it off, activity-sync fetches and stores the
 * workout, post-run-nudge and training-rules react, and the stretch text lands in the outbox. Every
 * DynamoDB request of the process is counted on Node's http diagnostics channel (the runtime builds its
 * own clients). The outbox write stands in for SNS, so it is subtracted.
 */
import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { eventRoutes, httpRoutes } from '../infra/wiring.js';
import { RuntimeClient } from '../test/support/runtime-client.js';
import { countDynamoHttp, median, metric, type BenchOptions, type Metric } from './lib.js';

export interface RunUsage {
  reads: number;
  writes: number;
  /** Lambda invocations per run, from the routing table: the webhook POST and each event's rules. */
  invocations: number;
  /** Bus events per run (EventBridge PutEvents entries). */
  events: number;
  /** Wall time webhook-to-text on the local runtime: an upper bound for the summed Lambda durations. */
  ms: number;
}

/** What one new run causes on AWS, per infra/wiring.ts: POST /webhooks/strava, then strava.activity and workout.recorded. */
export function invocationsPerRun(): { invocations: number; events: number } {
  const webhook = httpRoutes().filter((r) => r.path === '/webhooks/strava' && r.method === 'POST').length;
  const chain = ['strava.activity', 'workout.recorded'] as const;
  const handlers = chain.reduce((n, type) => n + eventRoutes().filter((r) => r.detailTypes.includes(type)).length, 0);
  return { invocations: webhook + handlers, events: chain.length };
}

export async function perRunBench({ quick }: BenchOptions): Promise<{ metrics: Metric[]; usage: RunUsage }> {
  const runtime = await startLocalRuntime({
    port: 0,
    dataDir: ':memory:',
    env: {},
    log: () => undefined,
    schedulerTickMs: 3_600_000,
  });
  const counter = countDynamoHttp();
  try {
    const client = new RuntimeClient(runtime);
    await client.connectStrava();
    const put = await client.json('PUT', '/api/me/settings', { phone: '+14155550123', timeZone: 'America/New_York' });
    if (put.status !== 200) throw new Error(`settings: ${put.status}`);
    const me = await client.json<{ athleteId: number }>('GET', '/api/me');
    await runtime.drain();
    const samples: { reads: number; writes: number; ms: number; byOp: string }[] = [];
    const runs = quick ? 2 : 5;
    for (let i = 0; i < runs; i++) {
      // 14:00 in New York on successive days: texted at once, one new run a day.
      await client.setClock(`2026-06-${String(10 + i).padStart(2, '0')}T18:00:00Z`);
      const texts = (await client.outbox()).length;
      counter.counts.reset();
      const t0 = performance.now();
      runtime.sandbox!.fake.addActivity(me.body.athleteId, { sport_type: 'Run', distance: 7000 + 500 * i });
      await runtime.sandbox!.settled();
      await runtime.drain();
      const ms = performance.now() - t0;
      // Read the counts before looking at the outbox: its dev endpoint reads the table too.
      const { reads, writes } = counter.counts;
      const outboxWrites = (await client.outbox()).length - texts;
      if (outboxWrites !== 1) throw new Error(`run ${i} produced ${outboxWrites} texts`);
      samples.push({
        reads,
        writes: writes - outboxWrites,
        ms,
        byOp: [...counter.counts.byOp].map(([op, n]) => `${op} ${n}`).join(', '),
      });
    }
    const usage: RunUsage = {
      reads: median(samples.map((s) => s.reads)),
      writes: median(samples.map((s) => s.writes)),
      ms: median(samples.map((s) => s.ms)),
      ...invocationsPerRun(),
    };
    return {
      usage,
      metrics: [
        metric('writes_per_run', usage.writes, 'DynamoDB requests', { op: '<=', limit: 3 }),
        metric('reads_per_run', usage.reads, `DynamoDB requests (last run: ${samples.at(-1)!.byOp}, outbox included)`, null),
        metric('webhook_to_text_ms', usage.ms, 'ms (median, local runtime)', null),
      ],
    };
  } finally {
    counter.stop();
    await runtime.stop();
  }
}
