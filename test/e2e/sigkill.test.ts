import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.js';
import { RuntimeClient } from '../support/runtime-client.js';

/**
 * A crash between any two lines: the local runtime (npm start's entry point, as a child process on
 * one DATA_DIR) is killed with SIGKILL at random moments while runs arrive, then started again.
 * Every run whose webhook Strava saw answered 200 is texted exactly once in the end; a run whose
 * webhook was cut off by the kill is texted at most once (Strava would retry it; the sandbox that
 * plays Strava died with the runtime). The runtime's clock is real time (a frozen one does not
 * survive a restart); at the end it moves on past the send ledger's claim lease and the fake
 * Strava's rate-limit windows, redriving the dead letters and running the due job.
 */
const RUNS = 200;
const KILLS = 8;
const dataDir = mkdtempSync(path.join(tmpdir(), 'runnudge-sigkill-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function start(port: number): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    // One athlete's 240 runs in minutes: past the per-athlete read budget (not what this test is about).
    env: {
      ...process.env,
      STRAVA_READS_PER_ATHLETE: '1000',
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
    },
    stdio: 'ignore',
  });
  const started = child;
  // A runtime that died at start (a port taken meanwhile, say) must fail the test, not hang it.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (started.exitCode !== null) throw new Error(`the runtime exited at start (code ${started.exitCode})`);
    if (Date.now() > deadline) throw new Error(`the runtime did not answer /healthz on port ${port} within 60 s`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function kill(): Promise<void> {
  const dying = child!;
  const exited = new Promise((resolve) => dying.once('exit', resolve));
  dying.kill('SIGKILL');
  await exited;
}

/** 1.0, 1.1, … km: each run's text names its own distance. */
const km = (i: number) => (10 + i) / 10;

// Alone it takes about a minute on 2 cores; the limit leaves room for a loaded machine (it is not a speed test).
it(`loses no text and doubles none across ${KILLS} SIGKILLs during ${RUNS} runs`, { timeout: 300_000 }, async () => {
  const port = await freePort();
  await start(port);
  const client = new RuntimeClient({ url: `http://127.0.0.1:${port}` } as LocalRuntime);
  expect((await client.connectStrava()).status).toBe(302);
  expect(
    (await client.enableTexts({ phone: '+4915112345671', timeZone: 'UTC', quietHours: { start: '00:00', end: '00:00' } })).status,
  ).toBe(200);

  const acknowledged = new Set<number>();
  const killAt = new Set(Array.from({ length: KILLS }, (_, k) => Math.floor(((k + 0.5) * RUNS) / KILLS)));
  for (let i = 0; i < RUNS; i++) {
    const post = client.json<{ webhookStatuses: number[] }>('POST', '/sandbox/runs', { sport: 'Run', distanceKm: km(i) }).then(
      (res) => {
        if (res.status === 201 && res.body.webhookStatuses.every((s) => s === 200)) acknowledged.add(i);
      },
      () => undefined, // cut off by the kill
    );
    if (killAt.has(i)) {
      // Somewhere inside this run's handling: the webhook, the bus, the fetch, the ledger, the send.
      await new Promise((r) => setTimeout(r, Math.random() * 120));
      await kill();
      await post;
      await start(port);
    } else {
      await post;
    }
  }

  await client.request('POST', '/dev/drain');
  // Time passes on the runtime's clock: past the lease of any claim a killed process left (10 min),
  // and into the fake Strava's next quarter-hour windows (200 runs spend its 100 reads per window).
  // At each step the dead letters (bus events that met such a claim) are redriven and the due job runs.
  for (const minutes of [16, 32, 48]) {
    await client.setClock(new Date(Date.now() + minutes * 60_000).toISOString());
    await client.request('POST', '/dev/redrive');
    await client.runJob('due-messages');
  }
  const texts = (await client.outbox()).filter((m) => m.kind === 'post-run-stretch');

  const perRun = new Map<number, number>();
  for (const t of texts) {
    const distance = /Nice (\d+\.\d) km/.exec(t.text)?.[1];
    const i = Math.round(Number(distance) * 10) - 10;
    perRun.set(i, (perRun.get(i) ?? 0) + 1);
  }
  const lost = [...acknowledged].filter((i) => !perRun.has(i));
  const doubled = [...perRun].filter(([, n]) => n > 1).map(([i]) => i);
  expect({ lost, doubled }).toEqual({ lost: [], doubled: [] });
  expect(acknowledged.size).toBeGreaterThanOrEqual(RUNS - KILLS);
  await kill();
});
