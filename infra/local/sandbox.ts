import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Clock } from '../../shared/ports/index.js';
import { createFakeStrava, type FakeActivity, type FakeStrava, type FakeStravaState } from './strava/fake-strava.js';
import type { StravaWebhookEvent } from '../../shared/ports/index.js';
import { escapeHtml } from '../../shared/http/response.js';
import { page } from '../../shared/web/layout.js';
import { INTERVAL_SESSION } from './strava/activities.js';

export const SANDBOX_PREFIX = '/sandbox/strava';
export const SANDBOX_SUBSCRIPTION_ID = 1;
export const SANDBOX_VERIFY_TOKEN = 'sandbox-verify-token';

export interface SandboxOptions {
  dataDir: string;
  publicUrl: string;
  /** Where Strava would POST webhook events: our own /webhooks/strava over loopback. */
  webhookUrl: string;
  clock: Clock;
  /** The connected runner's time zone (IANA), so sandbox activities start in it. */
  zoneOf?: (athleteId: number) => Promise<string | undefined>;
}

/** Strava tries a webhook delivery up to 3 times in total. */
const WEBHOOK_ATTEMPTS = 3;

/**
 * The built-in Strava sandbox for `npm start` without a Strava app: a Strava look-alike under
 * /sandbox/strava (OAuth and the activity API in Strava's shapes, the same fake the tests use) and a
 * page at /sandbox to finish a sample run, which Strava-style webhooks then report to the service.
 */
export class StravaSandbox {
  static readonly CLIENT_ID = '1001';
  static readonly CLIENT_SECRET = 'sandbox-client-secret';

  readonly fake: FakeStrava;
  private readonly stateFile: string | null;
  private deliveries: Promise<number>[] = [];

  constructor(private readonly options: SandboxOptions) {
    this.stateFile = options.dataDir === ':memory:' ? null : path.join(options.dataDir, 'strava-sandbox.json');
    this.fake = createFakeStrava({
      clientId: StravaSandbox.CLIENT_ID,
      clientSecret: StravaSandbox.CLIENT_SECRET,
      subscriptionId: SANDBOX_SUBSCRIPTION_ID,
      now: () => options.clock.now(),
      onWebhookEvent: (event) => {
        this.deliveries.push(this.deliver(event));
      },
      onStateChange: () => void this.save(),
    });
  }

  /** Restores athletes, tokens and activities so a restart keeps connected runners working. */
  async load(): Promise<void> {
    if (this.stateFile && existsSync(this.stateFile)) {
      this.fake.importState(JSON.parse(readFileSync(this.stateFile, 'utf8')) as FakeStravaState);
    }
  }

  async save(): Promise<void> {
    if (this.stateFile) writeFileSync(this.stateFile, JSON.stringify(this.fake.exportState()), { mode: 0o600 });
  }

  /** Posts one event to the webhook like Strava: JSON body, retried on a non-200. Returns the last status. */
  async deliver(event: StravaWebhookEvent): Promise<number> {
    let status = 0;
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
      try {
        const res = await fetch(this.options.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'strava-sandbox' },
          body: JSON.stringify(event),
        });
        status = res.status;
        await res.arrayBuffer();
        if (status === 200) return status;
      } catch {
        status = 0;
      }
    }
    return status;
  }

  /** Waits for every webhook delivery started so far. */
  async settled(): Promise<number[]> {
    const pending = this.deliveries;
    this.deliveries = [];
    return Promise.all(pending);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname.startsWith(`${SANDBOX_PREFIX}/`)) {
      return this.fake.handle(req, res, url.pathname.slice(SANDBOX_PREFIX.length));
    }
    const method = req.method ?? 'GET';
    if (url.pathname === '/sandbox' && method === 'GET') {
      send(res, 200, 'text/html; charset=utf-8', this.page());
      return true;
    }
    if (url.pathname === '/sandbox/runs' && method === 'POST') {
      await this.finishRun(req, res);
      return true;
    }
    return false;
  }

  /** `POST /sandbox/runs` (form or JSON): a finished activity for the connected athlete, reported by webhook. */
  private async finishRun(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readText(req);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    let input: Record<string, unknown>;
    try {
      input = isJson ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ error: { code: 'invalid_json', message: 'Body is not JSON' } }));
    }
    const athleteId = Number(input['athleteId'] ?? this.newestAthleteId());
    if (!this.fake.getAthlete(athleteId)) {
      return send(
        res,
        400,
        'application/json',
        JSON.stringify({ error: { code: 'no_athlete', message: 'Connect a sandbox athlete first: /connect/strava' } }),
      );
    }
    const partial: Partial<FakeActivity> = { sport_type: typeof input['sport'] === 'string' ? input['sport'] : 'Run' };
    const distance = Number(input['distanceKm']) * 1000;
    if (Number.isFinite(distance) && distance > 0) partial.distance = distance;
    if (typeof input['workoutType'] === 'number') partial.workout_type = input['workoutType'];
    const zone = await this.options.zoneOf?.(athleteId);
    if (zone) partial.timezone = stravaTimezone(zone, this.options.clock.now());
    // A speed session: tagged "Workout" (3) with its fast and easy laps, so the speed rule has something to see.
    const speed = input['kind'] === 'speed';
    if (speed) partial.workout_type = 3;
    const activity = this.fake.addActivity(athleteId, partial, speed ? INTERVAL_SESSION : undefined);
    const statuses = await this.settled();
    if (isJson) {
      return send(
        res,
        201,
        'application/json',
        JSON.stringify({ activityId: activity.id, athleteId, webhookStatuses: statuses }),
      );
    }
    res.writeHead(303, { location: '/sandbox?finished=' + activity.id });
    res.end();
  }

  private newestAthleteId(): number | undefined {
    return this.fake.exportState().athletes.at(-1)?.id;
  }

  private page(): string {
    const state = this.fake.exportState();
    const athletes = state.athletes
      .map(
        (a) =>
          `<li>${escapeHtml(`${a.firstname} ${a.lastname}`)} (athlete ${a.id})${state.authorized.some(([id]) => id === a.id) ? ' — connected' : ''}</li>`,
      )
      .join('');
    const recent = state.activities
      .slice(-5)
      .reverse()
      .map(
        (a) =>
          `<li>${escapeHtml(a.name)} — ${escapeHtml(a.sport_type)}, ${(a.distance / 1000).toFixed(1)} km, ${escapeHtml(a.start_date)}</li>`,
      )
      .join('');
    return page(
      'Strava sandbox',
      `<h1>Strava sandbox</h1>
<p class="note">A local stand-in for Strava, used because no <code>STRAVA_CLIENT_ID</code> is set.</p>
<ol>
  <li><a class="button" href="/connect/strava">Connect a sandbox athlete</a></li>
  <li>Enter your phone number and time zone on <a href="/settings">the settings page</a>.</li>
  <li>Finish a sample activity:
    <form method="post" action="/sandbox/runs" style="display:inline">
      <input type="hidden" name="sport" value="Run"><input type="hidden" name="distanceKm" value="8">
      <button id="finish-run" type="submit">Finish an 8 km run</button>
    </form>
    <form method="post" action="/sandbox/runs" style="display:inline">
      <input type="hidden" name="sport" value="Ride"><input type="hidden" name="distanceKm" value="30">
      <button id="finish-ride" type="submit" class="secondary">Finish a 30 km ride</button>
    </form>
    <form method="post" action="/sandbox/runs" style="display:inline">
      <input type="hidden" name="kind" value="speed">
      <button id="finish-speed" type="submit">Finish a speed session (6 km, 5 × 400 m fast)</button>
    </form>
  </li>
  <li>Watch the text arrive: <a href="/dev/outbox">/dev/outbox</a> (and the terminal).</li>
</ol>
<h2>Athletes</h2><ul>${athletes || '<li>none yet</li>'}</ul>
<h2>Recent activities</h2><ul>${recent || '<li>none yet</li>'}</ul>`,
    );
  }
}

/** Strava's `timezone` field for an IANA zone at an instant: "(GMT-08:00) America/Los_Angeles". */
function stravaTimezone(zone: string, at: Date): string {
  return `(GMT${DateTime.fromJSDate(at).setZone(zone).toFormat('ZZ')}) ${zone}`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
