import { createHmac, timingSafeEqual } from 'node:crypto';
import { SigningError } from './errors.js';

/**
 * One-tap links for texts and emails (`/c/{token}`): signed, expiring, and short, because a link
 * inside a 160-character SMS must leave room for the words. A token is 35 bytes in base64url
 * (47 characters): kind, runner id (a UUID as 16 bytes), expiry, a day number, and 12 bytes of
 * HMAC-SHA256. The kind is part of what is signed, so a core link cannot be replayed as a pain answer.
 */
export type LinkKind = 'core' | 'pain' | 'plank';

export interface LinkPayload {
  kind: LinkKind;
  runnerId: string;
  /** A local date "YYYY-MM-DD": the week's Monday for pain, the offer day for plank, the send day for core. */
  date: string;
}

const KINDS: LinkKind[] = ['core', 'pain', 'plank'];
const MAC_BYTES = 12;
const DAY_MS = 86_400_000;
export const LINK_TTL_DAYS = 8;

function mac(secret: string, body: Buffer): Buffer {
  return createHmac('sha256', secret).update('link\n').update(body).digest().subarray(0, MAC_BYTES);
}

export function linkToken(secret: string, payload: LinkPayload, now: Date, ttlDays = LINK_TTL_DAYS): string {
  const uuid = Buffer.from(payload.runnerId.replaceAll('-', ''), 'hex');
  if (uuid.length !== 16) throw new SigningError('runnerId must be a UUID');
  const body = Buffer.alloc(1 + 16 + 4 + 2);
  body.writeUInt8(KINDS.indexOf(payload.kind), 0);
  uuid.copy(body, 1);
  body.writeUInt32BE(Math.floor(now.getTime() / 1000) + ttlDays * 86_400, 17);
  body.writeUInt16BE(Math.floor(Date.parse(`${payload.date}T00:00:00Z`) / DAY_MS), 21);
  return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

export function linkUrl(publicUrl: string, secret: string, payload: LinkPayload, now: Date): string {
  return `${publicUrl.replace(/\/$/, '')}/c/${linkToken(secret, payload, now)}`;
}

export type LinkCheck = { ok: true; payload: LinkPayload } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function readLinkToken(secret: string, token: string, now: Date): LinkCheck {
  if (!/^[A-Za-z0-9_-]{47}$/.test(token)) return { ok: false, reason: 'malformed' };
  const raw = Buffer.from(token, 'base64url');
  const body = raw.subarray(0, 23);
  if (raw.length !== 23 + MAC_BYTES || !timingSafeEqual(raw.subarray(23), mac(secret, body))) {
    return { ok: false, reason: 'bad-signature' };
  }
  const kind = KINDS[body.readUInt8(0)];
  if (!kind) return { ok: false, reason: 'malformed' };
  if (body.readUInt32BE(17) < now.getTime() / 1000) return { ok: false, reason: 'expired' };
  const hex = body.subarray(1, 17).toString('hex');
  const runnerId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const date = new Date(body.readUInt16BE(21) * DAY_MS).toISOString().slice(0, 10);
  return { ok: true, payload: { kind, runnerId, date } };
}
