import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** API Gateway HTTP API (payload v2) responses; errors follow the contract's JSON shape. */
export type HttpResult = APIGatewayProxyStructuredResultV2;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export function json(statusCode: number, body: unknown, extra: Partial<HttpResult> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...(extra.headers ?? {}) },
    body: JSON.stringify(body),
    ...(extra.cookies ? { cookies: extra.cookies } : {}),
  };
}

export interface FieldError {
  field: string;
  message: string;
}

export function error(statusCode: number, code: string, message: string, fields?: FieldError[]): HttpResult {
  return json(statusCode, { error: { code, message, ...(fields ? { fields } : {}) } });
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The page's Content-Security-Policy: no `unsafe-inline`. The page's own inline `<script>` and
 * `<style>` blocks are allowed by their SHA-256 hashes, computed from the very body being sent, so a
 * script injected into the page (it would differ) does not run, and a page edit never needs a
 * hand-kept hash. Inline event-handler and `style` attributes are not allowed at all; the page may
 * not be framed (clickjacking), and forms post only to this origin.
 */
export function contentSecurityPolicy(body: string): string {
  const blocks = (tag: string) =>
    [...body.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => sha256(m[1]!));
  const scripts = blocks('script');
  const styles = blocks('style');
  return [
    "default-src 'none'",
    `script-src 'self'${scripts.length ? ` ${scripts.join(' ')}` : ''}`,
    `style-src 'self'${styles.length ? ` ${styles.join(' ')}` : ''}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function html(statusCode: number, body: string, extra: Partial<HttpResult> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(body),
      'x-frame-options': 'DENY',
      ...SECURITY_HEADERS,
      ...(extra.headers ?? {}),
    },
    body,
    ...(extra.cookies ? { cookies: extra.cookies } : {}),
  };
}

export function redirect(location: string, cookies?: string[]): HttpResult {
  return { statusCode: 302, headers: { location, ...SECURITY_HEADERS }, body: '', ...(cookies ? { cookies } : {}) };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
