import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import dynalite from 'dynalite';
import { freezeClock, runtimeClock } from '../../shared/adapters/clock.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { ensureTable } from '../../shared/adapters/dynamo/create-table.js';
import { DynamoRunnerStore } from '../../shared/adapters/dynamo/runner-store.js';
import { DynamoOutboxStore } from './stand-ins/outbox-store.js';
import { LocalEmailSubscriptions } from './stand-ins/local-email-subscriptions.js';
import { OutboxNotifier } from './stand-ins/outbox-notifier.js';
import { resetCompositions } from '../../shared/app/capabilities/compose.js';
import { provideStandIns } from '../../shared/app/capabilities/stand-ins.js';
import { ENV } from '../../shared/config.js';
import { scheduleInput, scheduledJobs } from '../wiring.js';
import { matchRoute, readBody, toApiGatewayEvent, writeResult } from './api-gateway.js';
import { LocalBus } from './bus.js';
import { invoke, loadAll } from './handlers.js';
import { LocalScheduler } from './scheduler.js';
import { StravaSandbox, SANDBOX_PREFIX, SANDBOX_SUBSCRIPTION_ID, SANDBOX_VERIFY_TOKEN } from './sandbox.js';
import { LocalRuntimeError } from './errors.js';

export interface LocalRuntimeOptions {
  port?: number;
  /** Directory for dynalite's files, or ':memory:'. */
  dataDir?: string;
  publicUrl?: string;
  /** Environment to read the contract's settings from (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** Print outbox messages and runtime notes (default true). */
  log?: (line: string) => void;
  /** Scheduler tick; tests may slow it down or speed it up. */
  schedulerTickMs?: number;
}

export interface LocalRuntime {
  url: string;
  port: number;
  sandbox: StravaSandbox | null;
  /** Waits until every bus event published so far (and what it caused) has been handled. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const TABLE_NAME = 'runnudge-local';

/** Settings of the local runtime itself (the handlers' settings are the config's ENV names). */
export const LOCAL_ENV = {
  DATA_DIR: 'DATA_DIR',
  PORT: 'PORT',
  DEV_ENDPOINTS: 'DEV_ENDPOINTS',
  LOG_LEVEL: 'LOG_LEVEL',
  POWERTOOLS_LOG_LEVEL: 'POWERTOOLS_LOG_LEVEL',
  POWERTOOLS_METRICS_DISABLED: 'POWERTOOLS_METRICS_DISABLED',
} as const;

/** Passed through from the environment when no sandbox stands in for Strava. */
const STRAVA_SETTINGS = [
  ENV.STRAVA_CLIENT_ID,
  ENV.STRAVA_CLIENT_SECRET,
  ENV.STRAVA_VERIFY_TOKEN,
  ENV.STRAVA_SUBSCRIPTION_ID,
  ENV.STRAVA_API_URL,
  ENV.STRAVA_OAUTH_URL,
];

function appSecret(dataDir: string, env: Record<string, string | undefined>): string {
  const given = env[ENV.APP_SECRET];
  if (given) return given;
  if (dataDir === ':memory:') return randomBytes(32).toString('base64url');
  // Generated once and kept beside the data, so sessions and encrypted tokens survive a restart.
  const file = path.join(dataDir, 'app-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * One process running every handler of the AWS stack: HTTP routes as API Gateway v2 events, bus
 * events routed by the same table as the EventBridge rules, schedules from the runtime's clock, and
 * dynalite as the DynamoDB. Only one runtime per process: handlers read their settings from process.env.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir ?? env[LOCAL_ENV.DATA_DIR] ?? '.data';
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  // Strava does not sign webhook events: with a real Strava app, the subscription id is the one check
  // that an event is for this app's subscription at all, so the runtime refuses to start without it.
  if (env[ENV.STRAVA_CLIENT_ID] && !/^\d+$/.test(env[ENV.STRAVA_SUBSCRIPTION_ID] ?? '')) {
    throw new LocalRuntimeError(
      `${ENV.STRAVA_SUBSCRIPTION_ID} must be set (the numeric id of the app's webhook subscription) when ${ENV.STRAVA_CLIENT_ID} is set`,
    );
  }

  const db = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataDir === ':memory:' ? {} : { path: path.join(dataDir, 'dynalite') }),
  });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', () => resolve()));
  const dbEndpoint = `http://127.0.0.1:${(db.address() as AddressInfo).port}`;

  // The SDK wants credentials and a region even for dynalite; never real ones here.
  process.env['AWS_REGION'] ??= 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
  const doc = createDocumentClient({ endpoint: dbEndpoint });
  await ensureTable(doc, TABLE_NAME);

  // The port opens before the bus, the sandbox and the handlers' settings are in place (the sandbox's
  // URLs need the port). A request that arrives in between waits for them (or gets a 503 with
  // Retry-After if start-up takes too long): never silence.
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async () => undefined;
  const server = createServer((req, res) => {
    void answerWhenReady(req, res).catch((err: unknown) => {
      log(`runtime: ${req.method} ${req.url} failed: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'Local runtime error' } });
    });
  });
  async function answerWhenReady(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<'starting'>((resolve) => (timer = setTimeout(() => resolve('starting'), STARTUP_WAIT_MS)));
    const state = await Promise.race([ready.then(() => 'ready' as const), tooSlow]);
    clearTimeout(timer);
    if (state === 'starting') {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
      res.end(JSON.stringify({ error: { code: 'starting', message: 'The service is starting; try again in a second' } }));
      return;
    }
    await handle(req, res);
  }
  const requestedPort = options.port ?? Number(env[LOCAL_ENV.PORT] ?? 3000);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = (options.publicUrl ?? env[ENV.PUBLIC_URL] ?? `http://localhost:${port}`).replace(/\/$/, '');

  const useSandbox = !env[ENV.STRAVA_CLIENT_ID];
  // /dev/* shows every runner's phone number and can move the clock: only on a loopback PUBLIC_URL
  // (a tunnel for real Strava webhooks must not expose it), unless DEV_ENDPOINTS says otherwise.
  const devEndpoints = env[LOCAL_ENV.DEV_ENDPOINTS]
    ? env[LOCAL_ENV.DEV_ENDPOINTS] === 'on'
    : ['localhost', '127.0.0.1', '[::1]'].includes(new URL(publicUrl).hostname);
  const secret = appSecret(dataDir, env);
  const handlerEnv: Record<string, string> = {
    [ENV.TABLE_NAME]: TABLE_NAME,
    [ENV.DYNAMODB_ENDPOINT]: dbEndpoint,
    [ENV.BUS]: 'local',
    [ENV.NOTIFY]: env[ENV.NOTIFY] ?? 'outbox',
    [ENV.CIPHER]: 'aes',
    [ENV.APP_SECRET]: secret,
    [ENV.PUBLIC_URL]: publicUrl,
    ...pick(env, [ENV.STRAVA_READS_PER_ATHLETE]),
    // The caller's environment first; else the process's (the test runner keeps handler logs quiet).
    [LOCAL_ENV.POWERTOOLS_LOG_LEVEL]:
      env[LOCAL_ENV.POWERTOOLS_LOG_LEVEL] ?? env[LOCAL_ENV.LOG_LEVEL] ?? process.env[LOCAL_ENV.POWERTOOLS_LOG_LEVEL] ?? 'WARN',
    // EMF metric lines are for CloudWatch; on one machine they would drown the terminal.
    [LOCAL_ENV.POWERTOOLS_METRICS_DISABLED]: env[LOCAL_ENV.POWERTOOLS_METRICS_DISABLED] ?? 'true',
    ...(useSandbox
      ? {
          [ENV.STRAVA_CLIENT_ID]: StravaSandbox.CLIENT_ID,
          [ENV.STRAVA_CLIENT_SECRET]: StravaSandbox.CLIENT_SECRET,
          [ENV.STRAVA_VERIFY_TOKEN]: SANDBOX_VERIFY_TOKEN,
          [ENV.STRAVA_SUBSCRIPTION_ID]: String(SANDBOX_SUBSCRIPTION_ID),
          // Server-to-server calls go over loopback; the browser is sent to PUBLIC_URL.
          [ENV.STRAVA_API_URL]: `http://127.0.0.1:${port}${SANDBOX_PREFIX}/api/v3`,
          [ENV.STRAVA_OAUTH_URL]: `${publicUrl}${SANDBOX_PREFIX}/oauth`,
        }
      : pick(env, STRAVA_SETTINGS)),
  };
  Object.assign(process.env, handlerEnv);
  resetCompositions();

  // The stand-ins for what only AWS has, handed to the handlers' compositions (they never import them).
  const bus = new LocalBus(doc, TABLE_NAME, runtimeClock, log);
  const outbox = new DynamoOutboxStore(doc, TABLE_NAME);
  const runners = new DynamoRunnerStore(doc, TABLE_NAME, runtimeClock);
  provideStandIns({
    publisher: bus,
    notifier: new OutboxNotifier(outbox, runtimeClock, log),
    emailSubscriptions: new LocalEmailSubscriptions(env[ENV.EMAIL_TOPIC_PREFIX_ARN]),
  });
  await loadAll();

  const sandbox = useSandbox
    ? new StravaSandbox({
        dataDir,
        publicUrl,
        webhookUrl: `http://127.0.0.1:${port}/webhooks/strava`,
        clock: runtimeClock,
        // Sandbox activities happen in the runner's own zone, as a watch's would.
        zoneOf: async (athleteId) => (await runners.findRunnerByAthlete(athleteId))?.settings.timeZone,
      })
    : null;
  await sandbox?.load();

  const runJob = async (job: string) => {
    const spec = scheduledJobs().find((j) => j.job === job);
    if (!spec) return undefined;
    const result = await invoke(spec.fn, scheduleInput(job));
    await bus.drain(); // what the job published (re-fetches) is part of what it did
    return result;
  };
  const scheduler = new LocalScheduler(runtimeClock, runJob, log, options.schedulerTickMs ?? 1000);

  handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    if (url.pathname === '/') return redirectTo(res, '/settings');
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (sandbox && (url.pathname === '/sandbox' || url.pathname.startsWith('/sandbox/'))) {
      if (await sandbox.handle(req, res, url)) return;
    }
    if (url.pathname.startsWith('/dev/')) {
      if (!devEndpoints)
        return sendJson(res, 404, {
          error: {
            code: 'not_found',
            message: 'Dev endpoints are off (PUBLIC_URL is not loopback; set DEV_ENDPOINTS=on to force)',
          },
        });
      return devRoute(req, res, url, method);
    }

    const route = matchRoute(method, url.pathname);
    if (route === null)
      return sendJson(res, 404, { error: { code: 'not_found', message: `No route for ${method} ${url.pathname}` } });
    if (route === 'method-not-allowed')
      return sendJson(res, 405, {
        error: { code: 'method_not_allowed', message: `${method} is not allowed on ${url.pathname}` },
      });
    const body = await readBody(req);
    if (body === 'too-large')
      return sendJson(res, 413, { error: { code: 'payload_too_large', message: 'Request body too large' } });
    writeResult(res, await invoke(route.fn, toApiGatewayEvent(req, url, body, route)));
  };

  async function devRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    if (method === 'GET' && url.pathname === '/dev/outbox') {
      return sendJson(res, 200, await outbox.list());
    }
    if (method === 'POST' && url.pathname === '/dev/clock') {
      const body = await readBody(req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body === 'too-large' ? '' : body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { error: { code: 'invalid_json', message: 'Send {"now": "<ISO instant>"} or {"now": null}' } });
      }
      const now = (parsed as { now?: unknown } | null)?.now;
      if (now === null) {
        freezeClock(null);
        return sendJson(res, 200, { now: runtimeClock.now().toISOString(), frozen: false });
      }
      // An instant needs its offset: without one, JavaScript would read it in this machine's zone.
      if (typeof now !== 'string' || Number.isNaN(Date.parse(now)) || !/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)$/.test(now)) {
        return sendJson(res, 400, {
          error: {
            code: 'invalid_clock',
            message: '"now" must be an ISO 8601 instant with an offset (e.g. 2026-03-01T07:30:00Z) or null',
          },
        });
      }
      freezeClock(new Date(now));
      return sendJson(res, 200, { now: runtimeClock.now().toISOString(), frozen: true });
    }
    if (method === 'GET' && url.pathname === '/dev/clock') {
      return sendJson(res, 200, { now: runtimeClock.now().toISOString() });
    }
    const job = /^\/dev\/jobs\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (method === 'POST' && job) {
      if (!scheduledJobs().some((j) => j.job === job)) {
        return sendJson(res, 404, {
          error: {
            code: 'unknown_job',
            message: `No job named ${job}; known: ${scheduledJobs()
              .map((j) => j.job)
              .join(', ')}`,
          },
        });
      }
      await bus.drain();
      const result = await runJob(job);
      return sendJson(res, 200, { job, at: runtimeClock.now().toISOString(), result });
    }
    if (method === 'POST' && url.pathname === '/dev/drain') {
      await bus.drain();
      return sendJson(res, 200, { drained: true });
    }
    return sendJson(res, 404, { error: { code: 'not_found', message: `No dev route ${method} ${url.pathname}` } });
  }

  const recovered = await bus.recover();
  if (recovered > 0) log(`bus: replaying ${recovered} event(s) accepted before the last stop`);
  scheduler.start();
  markReady();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sandbox,
    drain: () => bus.drain(),
    async stop() {
      scheduler.stop();
      await bus.drain();
      bus.stop();
      provideStandIns({});
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox?.save();
      await new Promise<void>((resolve) => db.close(() => resolve()));
      doc.destroy();
    },
  };
}

/** How long a request that arrives during start-up waits before it is told to come back. */
const STARTUP_WAIT_MS = 10_000;

function pick(env: Record<string, string | undefined>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (env[n] ? [[n, env[n]!]] : [])));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function redirectTo(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}
