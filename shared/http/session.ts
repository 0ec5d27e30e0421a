import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { cookie } from './request.js';
import { sign, verify } from '../signing/tokens.js';

/**
 * Stateless session: a signed, expiring cookie naming the runner. Nothing to store, and a deleted
 * runner's cookie stops working because every request loads the runner.
 */
export const SESSION_COOKIE = 'rn_session';
export const SESSION_DAYS = 30;
const PURPOSE = 'session';

/**
 * Over https a cookie's name carries the `__Host-` prefix: the browser then accepts it only with
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant one (cookie tossing). Plain http
 * (the local runtime on localhost) cannot use the prefix.
 */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** `Set-Cookie` for a host-only, HttpOnly, SameSite=Lax cookie on the whole site; `maxAge` 0 clears it. */
export function hostCookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${cookieName(name, secure)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function sessionCookie(secret: string, runnerId: string, now: Date, secure: boolean): string {
  const maxAge = SESSION_DAYS * 24 * 3600;
  const token = sign(secret, PURPOSE, runnerId, Math.floor(now.getTime() / 1000) + maxAge);
  return hostCookie(SESSION_COOKIE, token, maxAge, secure);
}

export function clearSessionCookie(secure: boolean): string {
  return hostCookie(SESSION_COOKIE, '', 0, secure);
}

/** The runner id of a valid session, or null. Over https only the `__Host-` cookie counts. */
export function sessionRunnerId(event: APIGatewayProxyEventV2, secret: string, now: Date, secure: boolean): string | null {
  const token = cookie(event, cookieName(SESSION_COOKIE, secure));
  if (!token) return null;
  return verify(secret, PURPOSE, token, Math.floor(now.getTime() / 1000))?.payload ?? null;
}
