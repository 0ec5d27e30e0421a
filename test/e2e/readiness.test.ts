import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, it } from 'vitest';

/** A free loopback port: `npm start` takes PORT from the environment, so the test must pick one. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** Keeps asking until the port accepts a connection; then the answer (any status) is what counts. */
async function askUntilConnected(url: string, deadline: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      const refused = (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      if (!refused || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

it('answers every request that arrives while `npm start` is starting, and /healthz says ok once ready', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: ':memory:', STRAVA_CLIENT_ID: '' },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    // Fired before the port is open and kept firing through start-up: none may hang or be dropped.
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => askUntilConnected(`${base}${i % 2 ? '/healthz' : '/settings'}`, deadline)),
    );
    for (const status of statuses) expect([200, 302, 401, 503]).toContain(status);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  } finally {
    child.kill('SIGTERM');
  }
}, 60_000);
