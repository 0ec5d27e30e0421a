/**
 * The weekly-digest job as on AWS, on dynalite: the hourly fan-out reads the due runners from the
 * sparse index and publishes batches; each batch is served by the runner-jobs handler's use case,
 * run-job-batch.ts (10 runners at a time: getRunner, then the job: the week's workouts, the email, the
 * ledger claim, the next slot).
 * Every DynamoDB request is counted by a middleware on the client. The notifier is SNS on AWS (no
 * DynamoDB), so here it only records the message. The evening core-check is measured the same way,
 * for the cost model.
 */
import { performance } from 'node:perf_hooks';
import { DynamoCheckInStore } from '../shared/adapters/dynamo/checkin-store.js';
import { DynamoBackfillStore } from '../shared/adapters/dynamo/backfill-store.js';
import { DynamoDueQueue } from '../shared/adapters/dynamo/due-queue.js';
import { DynamoJobScheduleStore } from '../shared/adapters/dynamo/job-schedule-store.js';
import { DynamoLedger } from '../shared/adapters/dynamo/ledger.js';
import { DynamoRunnerStore } from '../shared/adapters/dynamo/runner-store.js';
import { DynamoWorkoutStore } from '../shared/adapters/dynamo/workout-store.js';
import { defaultSettings } from '../shared/domain/defaults.js';
import type { OutgoingMessage, Workout } from '../shared/domain/types.js';
import type { RunnerJob } from '../shared/domain/job-times.js';
import { runnerJobBatchDetail } from '../shared/ports/events.js';
import { fanOutJob } from '../shared/usecases/fan-out-job.js';
import { runJobBatch } from '../shared/usecases/run-job-batch.js';
import type { RunnerJobDeps } from '../shared/usecases/runner-jobs.js';
import { createTestTable, startDynalite } from '../test/support/dynalite.js';
import { countRequests, metric, type BenchOptions, type Metric } from './lib.js';

/** Per runner and job run: what the cost model needs. */
export interface JobUsage {
  /** Requests per runner by operation, e.g. "Query 2, GetItem 1". */
  byOp: string;
  reads: number;
  writes: number;
  /** Handler time per runner (wall time of the batch divided by its runners). */
  msPerRunner: number;
  messagesPerRunner: number;
}

const ZONE = 'Europe/Madrid';

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

export async function digestBench({
  quick,
}: BenchOptions): Promise<{ metrics: Metric[]; digest: JobUsage; coreCheck: JobUsage }> {
  const RUNNERS = quick ? 20 : 1000;
  const db = await startDynalite();
  try {
    const table = await createTestTable(db.endpoint);
    const { client, tableName } = table;
    let now = new Date('2026-06-07T16:00:00Z'); // Sunday 18:00 in Madrid: the digest's slot
    const clock = { now: () => new Date(now.getTime()) };
    const runners = new DynamoRunnerStore(client, tableName, clock);
    const workouts = new DynamoWorkoutStore(client, tableName);
    const schedule = new DynamoJobScheduleStore(client, tableName);
    const sent: OutgoingMessage[] = [];
    const deps: RunnerJobDeps = {
      workouts,
      checkIns: new DynamoCheckInStore(client, tableName),
      schedule,
      backfills: new DynamoBackfillStore(client, tableName),
      ledger: new DynamoLedger(client, tableName),
      due: new DynamoDueQueue(client, tableName),
      notifier: { send: async (m) => (sent.push(m), { messageId: `m${sent.length}` }) },
      clock,
      publicUrl: 'https://abcdefghij.execute-api.us-east-1.amazonaws.com',
      linkSecret: 'bench-link-secret-0123456789abcdef',
    };

    // Seed: runners with phone and email, a week of runs (5 of 7 days, one with laps), both jobs due.
    const ids: string[] = [];
    await pool(
      Array.from({ length: RUNNERS }, (_, i) => i),
      25,
      async (i) => {
        const r = await runners.upsertRunnerForAthlete({
          athleteId: 10_000 + i,
          firstName: `Runner${i}`,
          measurementPreference: i % 2 ? 'feet' : 'meters',
        });
        await runners.updateSettings(r.runnerId, { ...defaultSettings(ZONE), phone: '+34612345678', email: `r${i}@example.com` });
        ids.push(r.runnerId);
        for (const day of [1, 2, 4, 5, 7]) {
          const startUtc = `2026-06-0${day}T06:30:00.000Z`;
          const w: Workout = {
            runnerId: r.runnerId,
            source: 'strava',
            sourceId: `${i}-${day}`,
            name: 'Run',
            sport: 'Run',
            tag: day === 4 ? 'workout' : 'default',
            distanceM: 8000 + 100 * (i % 30),
            movingTimeS: 2700,
            elapsedTimeS: 2800,
            startUtc,
            startLocal: `2026-06-0${day}T08:30:00`,
            localDate: `2026-06-0${day}`,
            timeZone: ZONE,
            manual: false,
            laps:
              day === 4
                ? Array.from({ length: 8 }, (_, k) => ({
                    lapIndex: k + 1,
                    distanceM: 1000,
                    movingTimeS: k % 2 ? 240 : 330,
                    averageSpeed: 1000 / (k % 2 ? 240 : 330),
                  }))
                : [],
          };
          await workouts.putWorkout(w);
        }
        await schedule.setNextRun(r.runnerId, 'weekly-digest', now);
      },
    );

    const counts = countRequests(client);
    const runJob = async (job: RunnerJob): Promise<JobUsage & { seconds: number }> => {
      counts.reset();
      sent.length = 0;
      const batches: string[][] = [];
      const t0 = performance.now();
      await fanOutJob(job, {
        schedule,
        clock,
        publisher: {
          publish: async (events) => void batches.push(...events.map((e) => runnerJobBatchDetail.parse(e.detail).runnerIds)),
        },
      });
      for (const runnerIds of batches) {
        const { failed } = await runJobBatch({ job, runnerIds }, { ...deps, runners });
        if (failed.length > 0) throw new Error(`${job}: ${failed.length} runners failed: ${failed[0]!.error}`);
      }
      const seconds = (performance.now() - t0) / 1000;
      const served = batches.flat().length;
      if (served !== RUNNERS) throw new Error(`${job}: fan-out found ${served} of ${RUNNERS} runners`);
      const byOp = [...counts.byOp].map(([op, n]) => `${op} ${Number((n / served).toFixed(2))}`).join(', ');
      return {
        byOp,
        reads: counts.reads / served,
        writes: counts.writes / served,
        msPerRunner: (seconds * 1000) / served,
        messagesPerRunner: sent.length / served,
        seconds,
      };
    };

    const digest = await runJob('weekly-digest');
    if (digest.messagesPerRunner < 1) throw new Error(`weekly digest sent ${digest.messagesPerRunner} emails per runner`);
    const perRunner = digest.reads + digest.writes;

    // The evening check on Wednesday 3 June, 18:00 local (a rest day in the seeded week).
    now = new Date('2026-06-03T16:00:00Z');
    await pool(ids, 25, (id) => schedule.setNextRun(id, 'core-check', now));
    const coreCheck = await runJob('core-check');

    return {
      digest,
      coreCheck,
      metrics: [
        metric('digest_runners_per_s', RUNNERS / digest.seconds, `runners/s (${RUNNERS} runners)`, { op: '>=', limit: 1000 }),
        metric('digest_requests_per_runner', perRunner, `DynamoDB requests (${digest.byOp})`, { op: '<=', limit: 1.05 }, 1),
        metric('digest_reads_per_runner', digest.reads, 'DynamoDB requests', null),
        metric('digest_writes_per_runner', digest.writes, 'DynamoDB requests', null),
        metric(
          'core_check_requests_per_runner',
          coreCheck.reads + coreCheck.writes,
          `DynamoDB requests (${coreCheck.byOp})`,
          null,
        ),
      ],
    };
  } finally {
    await db.stop();
  }
}
