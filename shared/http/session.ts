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

export function sessionCookie(secret: string, runnerId: string, now: Date, secure: boolean): string {
  const maxAge = SESSION_DAYS * 24 * 3600;
  const token = sign(secret, PURPOSE, runnerId, Math.floor(now.getTime() / 1000) + maxAge);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The runner id of a valid session, or null. */
export function sessionRunnerId(event: APIGatewayProxyEventV2, secret: string, now: Date): string | null {
  const token = cookie(event, SESSION_COOKIE);
  if (!token) return null;
  return verify(secret, PURPOSE, token, Math.floor(now.getTime() / 1000))?.payload ?? null;
}
