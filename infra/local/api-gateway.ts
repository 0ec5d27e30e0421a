import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpRoutes, type FunctionSpec } from '../wiring.js';

/** API Gateway's own payload limit is 10 MB; locally we stop reading well before that. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

export interface MatchedRoute {
  fn: FunctionSpec;
  routeKey: string;
  pathParameters: Record<string, string>;
}

/** Matches a request against the routing table's HTTP routes (`{name}` segments are parameters). */
export function matchRoute(method: string, pathname: string): MatchedRoute | 'method-not-allowed' | null {
  let pathMatched = false;
  for (const route of httpRoutes()) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { fn: route.fn, routeKey: `${route.method} ${route.path}`, pathParameters: params };
  }
  return pathMatched ? 'method-not-allowed' : null;
}

function matchPath(template: string, pathname: string): Record<string, string> | null {
  const t = template.split('/');
  const p = pathname.split('/');
  if (t.length !== p.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const m = /^\{(\w+)\}$/.exec(seg);
    if (m) {
      if (p[i] === '') return null;
      try {
        params[m[1]!] = decodeURIComponent(p[i]!);
      } catch {
        return null; // malformed percent-encoding: no route matches (404), never a 500
      }
    } else if (seg !== p[i]) return null;
  }
  return params;
}

/** Builds the API Gateway HTTP API (payload format 2.0) event the deployed handler would receive. */
export function toApiGatewayEvent(req: IncomingMessage, url: URL, body: Buffer, route: MatchedRoute): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined && k !== 'cookie') headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v; // v2 joins repeats with commas
  const cookies = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const now = new Date();
  const isText = body.length === 0 || /json|text|x-www-form-urlencoded|xml/i.test(headers['content-type'] ?? 'text');
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time`: the common log format in UTC, `12/Mar/2020:19:03:58 +0000`. */
export function apiGatewayTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}`;
  return `${date}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** Writes a handler's structured result as API Gateway would. */
export function writeResult(res: ServerResponse, result: unknown): void {
  const r = (
    typeof result === 'object' && result !== null ? result : { statusCode: 200, body: JSON.stringify(result) }
  ) as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  if (r.cookies && r.cookies.length > 0) headers['set-cookie'] = r.cookies;
  const body = r.body === undefined ? '' : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body;
  res.writeHead(r.statusCode ?? 200, headers);
  res.end(body);
}

export async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
