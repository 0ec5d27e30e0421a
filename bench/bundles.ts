/**
 * Bundle size and cold import time per function. Each handler is bundled by esbuild with the CDK
 * settings of infra/aws/function.ts (ESM, node24, module/main fields, minified, keepNames, AWS SDK
 * bundled, the createRequire banner). Beside it, a baseline bundle with the same settings that only
 * builds the SDK clients the function's `access` in infra/wiring.ts allows: the floor a lean function
 * could reach. Import times come from fresh Node processes, bundle and baseline alternately
 * (A B A B ...), and the medians are compared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lambdaBuildOptions } from './esbuild.js';
import { FUNCTIONS, type Access } from '../infra/wiring.js';
import { median, metric, type BenchOptions, type Metric } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The SDK clients an access entry implies, as module-scope construction code (what a handler does at init). */
export function baselineSource(access: Access): string {
  const lines: string[] = [];
  const use = (pkg: string, cls: string) => lines.push(`import { ${cls} } from '${pkg}';`, `clients.push(new ${cls}({}));`);
  lines.push('const clients = [];');
  lines.push("import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';");
  use('@aws-sdk/client-dynamodb', 'DynamoDBClient');
  lines.push('clients.push(DynamoDBDocumentClient.from(clients[0]));');
  if (access.publishEvents) use('@aws-sdk/client-eventbridge', 'EventBridgeClient');
  if (access.sendSms || access.sendEmail || access.manageEmailSubscriptions) use('@aws-sdk/client-sns', 'SNSClient');
  if (access.sendEmail) use('@aws-sdk/client-sesv2', 'SESv2Client');
  if (access.cipher) use('@aws-sdk/client-kms', 'KMSClient');
  if (access.secrets) use('@aws-sdk/client-secrets-manager', 'SecretsManagerClient');
  lines.push('export const handler = async () => clients.length;');
  // Imports are hoisted in ESM anyway; sort them first for readability of the generated file.
  return [...lines.filter((l) => l.startsWith('import')), ...lines.filter((l) => !l.startsWith('import'))].join('\n');
}

/** `entry` is a file, or `{ contents }`: a generated module resolved from the repository root. */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<number> {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: root, sourcefile: 'baseline.mjs', loader: 'js' as const } }),
    outfile,
    ...lambdaBuildOptions(root),
  });
  return statSync(outfile).size / 1000;
}

const IMPORT_SCRIPT =
  'const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t0));';
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  TABLE_NAME: 'bench',
  EVENT_BUS_NAME: 'bench',
  POWERTOOLS_SERVICE_NAME: 'bench',
};

/** Milliseconds to import the file in a fresh Node process (the module graph's load and init). */
function importMs(file: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, file], {
    encoding: 'utf8',
    env: { ...process.env, ...LAMBDA_ENV },
  });
  return Number(out);
}

export async function bundleBench({ quick }: BenchOptions): Promise<Metric[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runnudge-bench-bundles-'));
  const rounds = quick ? 3 : 11;
  const fns = quick ? FUNCTIONS.slice(0, 2) : FUNCTIONS;
  const metrics: Metric[] = [];
  let kbMax = 0;
  let ratioMax = 0;
  let worst = '';
  try {
    for (const fn of fns) {
      const a = path.join(dir, `${fn.name}.mjs`);
      const b = path.join(dir, `${fn.name}.baseline.mjs`);
      const kb = await bundle(path.join(root, fn.entry), a);
      const baseKb = await bundle({ contents: baselineSource(fn.access) }, b);
      importMs(a); // the first import of each file warms the OS file cache
      importMs(b);
      const ta: number[] = [];
      const tb: number[] = [];
      for (let i = 0; i < rounds; i++) {
        ta.push(importMs(a));
        tb.push(importMs(b));
      }
      const ms = median(ta);
      const baseMs = median(tb);
      metrics.push(metric(`bundle_kb_${fn.name}`, kb, 'KB minified', { op: '<=', limit: 300 }, Number(baseKb.toFixed(1))));
      metrics.push(
        metric(
          `bundle_import_ms_${fn.name}`,
          ms,
          'ms (median)',
          { op: '<=', limit: Number((1.2 * baseMs).toFixed(2)) },
          Number(baseMs.toFixed(2)),
        ),
      );
      kbMax = Math.max(kbMax, kb);
      if (ms / baseMs > ratioMax) [ratioMax, worst] = [ms / baseMs, fn.name];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    metric('bundle_kb_max', kbMax, 'KB minified', { op: '<=', limit: 300 }),
    metric('bundle_init_ratio_max', ratioMax, `x baseline (${worst})`, { op: '<=', limit: 1.2 }),
    ...metrics,
  ];
}
