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

export function html(statusCode: number, body: string, extra: Partial<HttpResult> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'",
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
