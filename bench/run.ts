/**
 * `npm run bench`: every speed, size and cost goal of issue 7, measured on this machine with no external
 * service (dynalite, the local runtime, esbuild). Prints a table and writes bench/results.json.
 *   --quick (or BENCH_QUICK=1)  tiny inputs, for the smoke test: checks the plumbing, not the numbers
 *   --only=a,b                  only these groups (webhook, bundles, digest, per-run, sms)
 *   --out=path                  where to write the JSON (default bench/results.json)
 * Targets are recorded (target, met), never asserted: a missed target does not fail the command.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBench } from './bundles.js';
import { costMetrics } from './cost.js';
import { digestBench } from './digest.js';
import type { BenchOptions, Metric } from './lib.js';
import { perRunBench } from './per-run.js';
import { smsBench } from './sms.js';
import { formatTable } from './table.js';
import { webhookBench } from './webhook.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const options: BenchOptions = { quick: args.includes('--quick') || process.env['BENCH_QUICK'] === '1' };
const only = flag('only')?.split(',');
const want = (group: string) => !only || only.includes(group);
const out = flag('out') ?? path.join(here, 'results.json');

// The SDK wants a region and credentials even for dynalite; never real ones here.
process.env['AWS_REGION'] ??= 'us-east-1';
process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const metrics: Metric[] = [];
const step = async (group: string, fn: () => Promise<Metric[]> | Metric[]) => {
  if (!want(group)) return;
  const t0 = Date.now();
  process.stderr.write(`bench: ${group}...`);
  metrics.push(...(await fn()));
  process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
};

// Each group returns its metrics; the cost model combines what the others counted, so it needs
// sms, digest and per-run together.
let sms: ReturnType<typeof smsBench> | undefined;
let digest: Awaited<ReturnType<typeof digestBench>> | undefined;
let perRun: Awaited<ReturnType<typeof perRunBench>> | undefined;
await step('sms', () => (sms = smsBench(options)).metrics);
await step('bundles', () => bundleBench(options));
await step('digest', async () => (digest = await digestBench(options)).metrics);
await step('per-run', async () => (perRun = await perRunBench(options)).metrics);
if (sms && digest && perRun) {
  metrics.push(
    ...costMetrics({
      run: perRun.usage,
      digest: digest.digest,
      coreCheck: digest.coreCheck,
      segmentsPerText: sms.segmentsPerText,
    }),
  );
}
await step('webhook', () => webhookBench(options));

const results = {
  commit: commit(),
  machine: `${os.cpus()[0]?.model ?? 'cpu'} x${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, node ${process.version}${options.quick ? ', quick mode' : ''}`,
  metrics,
};
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(formatTable(results.metrics));
console.log(`\n${results.machine}; commit ${results.commit}; written to ${path.relative(process.cwd(), out)}`);
