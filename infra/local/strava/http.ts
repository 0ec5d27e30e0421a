/** Small HTTP helpers of the fake Strava (no framework: it runs inside the local runtime's server). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from './shapes.js';
import { LocalRuntimeError } from '../errors.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new LocalRuntimeError('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** OAuth endpoints take form data, JSON, or query parameters (clients use all three). */
export async function readParams(req: IncomingMessage, url: URL): Promise<Map<string, string>> {
  const params = new Map(url.searchParams);
  const raw = await readBody(req);
  if (!raw) return params;
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const json: unknown = JSON.parse(raw);
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      for (const [k, v] of Object.entries(json)) {
        if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
      }
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw)) params.set(k, v);
  }
  return params;
}
