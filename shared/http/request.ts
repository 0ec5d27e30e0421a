import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors.js';

/** Largest body we accept (contract: bodies over 16 KiB get 413). */
export const MAX_BODY_BYTES = 16 * 1024;

export function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Parses a JSON body: 413 when too large, 400 when empty or malformed. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const body = rawBody(event);
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpError(413, 'payload_too_large', `Body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  // Any content type is read as JSON: Strava and `curl -d` do not always say application/json, and a
  // body that is not JSON still gets its 400. Cross-site writes are stopped by the SameSite=Lax
  // session cookie, not by the content type.
  if (body.trim() === '') throw new HttpError(400, 'invalid_body', 'The body is empty; JSON expected');
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON');
  }
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function cookie(event: APIGatewayProxyEventV2, name: string): string | undefined {
  // HTTP API v2 puts cookies in `event.cookies`; fall back to the header for other callers.
  const all = event.cookies ?? (header(event, 'cookie') ?? '').split(';');
  for (const c of all) {
    const i = c.indexOf('=');
    if (i > 0 && c.slice(0, i).trim() === name) return decodeCookieValue(c.slice(i + 1).trim());
  }
  return undefined;
}

/** A value with a broken percent escape ("%E0%A4%A") is no cookie at all, not a 500. */
function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function query(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.queryStringParameters?.[name];
}
