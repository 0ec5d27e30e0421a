/**
 * `npm run bench -- --quick` end to end on tiny inputs: it must finish, print the table and write
 * results.json in the shape the README and the integrator read, with a number for every metric of
 * issue 7. No timing is asserted: the numbers are the benchmark's business, not this test's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'runnudge-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REQUIRED = [
  'webhook_ack_p50_ms_c1',
  'webhook_ack_p99_ms_c50',
  'webhook_ack_p99_ms_c200',
  'webhook_ack_p99_budget_share',
  'bundle_kb_max',
  'bundle_init_ratio_max',
  'bundle_kb_strava-webhook',
  'bundle_import_ms_strava-webhook',
  'digest_runners_per_s',
  'digest_requests_per_runner',
  'writes_per_run',
  'reads_per_run',
  'cost_per_runner_month_usd_excl_sms',
  'sms_segments_per_runner_month',
  'sms_single_segment_share',
];

it('runs the quick bench and writes every metric as a number with its target', { timeout: 180_000 }, async () => {
  const out = path.join(dir, 'results.json');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', `--out=${out}`], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    maxBuffer: 16 * 2 ** 20,
  });
  const results = JSON.parse(readFileSync(out, 'utf8')) as {
    commit: unknown;
    machine: unknown;
    metrics: Record<string, unknown>[];
  };
  expect(typeof results.commit).toBe('string');
  expect(results.machine).toMatch(/quick mode/);
  const names = results.metrics.map((m) => m.name);
  expect(names).toEqual(expect.arrayContaining(REQUIRED));
  expect(new Set(names).size).toBe(names.length);
  for (const m of results.metrics) {
    expect(Object.keys(m).sort(), String(m.name)).toEqual(['baseline', 'met', 'name', 'ratio', 'target', 'unit', 'value']);
    expect(Number.isFinite(m.value), `${String(m.name)} = ${String(m.value)}`).toBe(true);
    // A metric with a target says whether it was met; one without says nothing.
    expect(typeof m.met === 'boolean', String(m.name)).toBe(m.target !== null);
  }
  const share = results.metrics.find((m) => m.name === 'sms_single_segment_share')!;
  expect(share.value as number).toBeGreaterThan(0);
  expect(share.value as number).toBeLessThanOrEqual(1);
  // The table on stdout names every metric.
  for (const name of REQUIRED) expect(stdout).toContain(name);
});
