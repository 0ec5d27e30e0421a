/**
 * The local runtime hands the handlers the same events AWS would. Fixtures under test/fixtures/aws are
 * in the shapes AWS documents (API Gateway HTTP API payload 2.0, an EventBridge rule's Lambda target,
 * EventBridge Scheduler's verbatim input); the events the local runtime builds must have the same keys
 * and the same formats, so a handler that works locally does not meet a different event on AWS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRoute, readBody, toApiGatewayEvent } from '../../infra/local/api-gateway.js';
import { toEventBridgeEvent } from '../../infra/local/bus.js';
import { scheduledJobs, scheduleInput } from '../../infra/wiring.js';
import { workoutRecordedDetail } from '../../shared/ports/events.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/aws');
const fixture = <T>(file: string): T => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;

/** Every key path of a JSON value (`requestContext.http.method`), arrays as `[]`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v) => keyPaths(v, `${prefix}[]`))];
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}
/** Keys whose names are data (headers, parameters), not part of the event's shape. */
const shapeOf = (event: unknown) =>
  [...new Set(keyPaths(event).filter((k) => !/^(headers|queryStringParameters|pathParameters)\./.test(k)))].sort();

const API_GATEWAY_TIME = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
const EVENTBRIDGE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('API Gateway HTTP API events (payload 2.0)', () => {
  let base = '';
  let seen: APIGatewayProxyEventV2 | undefined;
  // A real loopback server doing what the local runtime does with a request: match, read, convert.
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = matchRoute(req.method ?? 'GET', url.pathname);
    const body = await readBody(req);
    if (route === null || route === 'method-not-allowed' || body === 'too-large') return res.writeHead(404).end();
    seen = toApiGatewayEvent(req, url, body, route);
    res.writeHead(204).end();
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = async (fixtureEvent: APIGatewayProxyEventV2) => {
    seen = undefined;
    const headers: Record<string, string> = { ...(fixtureEvent.headers as Record<string, string>) };
    delete headers['content-length'];
    delete headers.host;
    if (fixtureEvent.cookies) headers.cookie = fixtureEvent.cookies.join('; ');
    const res = await fetch(
      `${base}${fixtureEvent.rawPath}${fixtureEvent.rawQueryString ? `?${fixtureEvent.rawQueryString}` : ''}`,
      {
        method: fixtureEvent.requestContext.http.method,
        headers,
        ...(fixtureEvent.body !== undefined ? { body: fixtureEvent.body } : {}),
      },
    );
    expect(res.status).toBe(204);
    return seen!;
  };

  for (const file of readdirSync(path.join(dir, 'apigw-http'))) {
    it(`${file}: the local event has AWS's keys, route key and formats`, async () => {
      const aws = fixture<APIGatewayProxyEventV2>(`apigw-http/${file}`);
      const local = await send(aws);
      expect(shapeOf(local)).toEqual(shapeOf(aws));
      expect(local.routeKey).toBe(aws.routeKey);
      expect(local.requestContext.routeKey).toBe(aws.requestContext.routeKey);
      expect(local.rawQueryString).toBe(aws.rawQueryString);
      expect(local.queryStringParameters).toEqual(aws.queryStringParameters);
      expect(local.pathParameters).toEqual(aws.pathParameters);
      expect(local.cookies).toEqual(aws.cookies);
      expect(local.body).toEqual(aws.body);
      expect(aws.requestContext.time).toMatch(API_GATEWAY_TIME);
      expect(local.requestContext.time).toMatch(API_GATEWAY_TIME);
      expect(Math.abs(local.requestContext.timeEpoch - Date.now())).toBeLessThan(60_000);
      // The two times are one instant: the common-log time is the epoch to the second.
      const [, d, mon, y, hh, mm, ss] = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})/.exec(local.requestContext.time)!;
      expect(Date.parse(`${d} ${mon} ${y} ${hh}:${mm}:${ss} GMT`)).toBe(Math.floor(local.requestContext.timeEpoch / 1000) * 1000);
    });
  }
});

describe('EventBridge events (rule → Lambda target)', () => {
  it("the local bus's event has EventBridge's keys and its time in whole seconds", () => {
    const aws = fixture<{ time: string; detail: unknown }>('eventbridge/workout-recorded.json');
    expect(workoutRecordedDetail.safeParse(aws.detail).success).toBe(true);
    const local = toEventBridgeEvent({
      id: 'a3b1c2d4-0000-4000-8000-000000000001',
      time: '2026-12-03T07:10:58.123Z',
      detailType: 'workout.recorded',
      detail: aws.detail,
    });
    expect(shapeOf(local)).toEqual(shapeOf(aws));
    expect(aws.time).toMatch(EVENTBRIDGE_TIME);
    expect(local.time).toBe('2026-12-03T07:10:58Z');
    expect(local.source).toBe((aws as unknown as { source: string }).source);
  });
});

describe('EventBridge Scheduler inputs', () => {
  it('every scheduled job has a fixture, and the local scheduler invokes with exactly it', () => {
    const jobs = scheduledJobs().map((j) => j.job);
    expect(readdirSync(path.join(dir, 'scheduler')).sort()).toEqual(jobs.map((j) => `${j}.json`).sort());
    for (const job of jobs) expect(scheduleInput(job)).toEqual(fixture(`scheduler/${job}.json`));
  });
});
