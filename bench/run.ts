/**
 * `npm run bench`: the speed goals, measured (not asserted in tests). Prints one line per benchmark.
 * - webhook hand-off: POST /webhooks/strava through the local runtime on loopback, until the 200
 *   (Strava's limit is 2 s; the goal is p99 well under 100 ms on this machine)
 * - week model: summarizeWeek + trainingLoad for a runner with 9 weeks of runs with laps
 * - job fan-out: dueRunners over the 193 hour buckets of the sparse index, 1,000 runners due
 */
import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { RuntimeClient } from '../test/support/runtime-client.js';
import { summarizeWeek, previousWeekStarts } from '../shared/domain/week/aggregate.js';
import { trainingLoad } from '../shared/domain/week/load.js';
import { DEFAULT_RULE_SETTINGS } from '../shared/domain/week/types.js';
import type { Workout } from '../shared/domain/types.js';
import { DynamoJobScheduleStore } from '../shared/adapters/dynamo/job-schedule-store.js';
import { createDocumentClient } from '../shared/adapters/dynamo/client.js';
import { ensureTable } from '../shared/adapters/dynamo/create-table.js';
import { fanOutJob } from '../shared/usecases/fan-out-job.js';
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function webhookHandOff(): Promise<void> {
  const runtime = await startLocalRuntime({ port: 0, dataDir: ':memory:', env: {}, log: () => undefined, schedulerTickMs: 3_600_000 });
  const client = new RuntimeClient(runtime);
  await client.connectStrava();
  const me = await client.json<{ athleteId: number }>('GET', '/api/me');
  const times: number[] = [];
  const N = 300;
  for (let i = 0; i < N; i++) {
    const body = JSON.stringify({ aspect_type: 'update', event_time: 1_700_000_000 + i, object_id: 9_000_000 + i, object_type: 'activity', owner_id: me.body.athleteId, subscription_id: 1, updates: { title: `t${i}` } });
    const t0 = performance.now();
    const res = await fetch(`${runtime.url}/webhooks/strava`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  }
  await runtime.drain();
  await runtime.stop();
  times.sort((a, b) => a - b);
  console.log(`webhook hand-off (local runtime, ${N} events): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`);
}

function weekModel(): void {
  const workouts: Workout[] = [];
  for (let d = 0; d < 63; d += 1) {
    if (d % 7 === 1 || d % 7 === 4) continue;
    const start = new Date(Date.parse('2026-01-05T06:30:00Z') + d * 86_400_000).toISOString();
    workouts.push({
      runnerId: 'r', source: 'strava', sourceId: String(d), name: 'Run', sport: 'Run', tag: d % 7 === 2 ? 'workout' : 'default',
      distanceM: 10_000, movingTimeS: 3000, elapsedTimeS: 3100, startUtc: start, startLocal: start.slice(0, 19), localDate: start.slice(0, 10),
      timeZone: 'Europe/Berlin', manual: false,
      laps: Array.from({ length: 10 }, (_, i) => ({ lapIndex: i + 1, distanceM: 1000, movingTimeS: i % 2 ? 240 : 330, averageSpeed: 1000 / (i % 2 ? 240 : 330) })),
    });
  }
  const weekStart = '2026-03-02';
  const run = () => {
    const opts = { timeZone: 'Europe/Berlin', workouts, coreSessions: [], history: workouts, settings: DEFAULT_RULE_SETTINGS };
    const current = summarizeWeek({ ...opts, weekStart, asOf: '2026-03-06' });
    const previous = previousWeekStarts(weekStart, 4).map((s) => summarizeWeek({ ...opts, weekStart: s }));
    return trainingLoad(current, previous);
  };
  for (let i = 0; i < 50; i++) run();
  const N = 1000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) run();
  const ms = (performance.now() - t0) / N;
  console.log(`week model (5 weeks of a runner, ${workouts.length} runs with laps): ${ms.toFixed(3)} ms per runner, ${Math.round(1000 / ms)} runners/s`);
}

async function fanOut(): Promise<void> {
  const db = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => db.listen(0, '127.0.0.1', () => r()));
  const doc = createDocumentClient({ endpoint: `http://127.0.0.1:${(db.address() as AddressInfo).port}` });
  await ensureTable(doc, 'bench');
  const schedule = new DynamoJobScheduleStore(doc, 'bench');
  const due = new Date('2026-03-08T17:00:00Z');
  const RUNNERS = 1000;
  for (let i = 0; i < RUNNERS; i += 25) {
    await Promise.all(Array.from({ length: 25 }, (_, j) => schedule.setNextRun(`00000000-0000-4000-8000-${String(i + j).padStart(12, '0')}`, 'weekly-digest', due)));
  }
  let events = 0;
  const t0 = performance.now();
  const result = await fanOutJob('weekly-digest', { schedule, publisher: { publish: async (e) => void (events += e.length) }, clock: { now: () => due } });
  const ms = performance.now() - t0;
  console.log(`job fan-out (dynalite, ${RUNNERS} due, 193 hour buckets): ${ms.toFixed(0)} ms, ${result.batches} batches, ${events} events`);
  await new Promise<void>((r) => db.close(() => r()));
}

weekModel();
await fanOut();
await webhookHandOff();
