import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring tokens for session cookies, OAuth `state` and one-tap links: `payload.exp.sig`
 * with an HMAC-SHA256 over purpose, payload and expiry. The purpose keeps a state token from being
 * replayed as a session.
 *
 * Signing is its own module (not part of shared/http): use cases sign OAuth state and one-tap links,
 * and shared/http stays the Lambda edge (parsing requests, shaping responses) that use cases never import.
 */
export interface SignedToken {
  payload: string;
  expiresAt: number;
}

function sig(secret: string, purpose: string, payload: string, exp: number): string {
  return createHmac('sha256', secret).update(`${purpose}\n${payload}\n${exp}`).digest('base64url');
}

export function sign(secret: string, purpose: string, payload: string, expiresAtSeconds: number): string {
  const p = Buffer.from(payload, 'utf8').toString('base64url');
  return `${p}.${expiresAtSeconds}.${sig(secret, purpose, p, expiresAtSeconds)}`;
}

export function verify(secret: string, purpose: string, token: string, nowSeconds: number): SignedToken | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [p, expText, given] = parts as [string, string, string];
  const exp = Number(expText);
  if (!Number.isSafeInteger(exp) || exp < nowSeconds) return null;
  if (!constantTimeEqual(given, sig(secret, purpose, p, exp))) return null;
  return { payload: Buffer.from(p, 'base64url').toString('utf8'), expiresAt: exp };
}

/** Compares secrets without leaking their length or content through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'cmp').update(a).digest();
  const hb = createHmac('sha256', 'cmp').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
