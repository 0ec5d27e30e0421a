/**
 * Logging hygiene: phone numbers, email addresses and OAuth secrets never reach a log line.
 * `redact` masks values under sensitive keys anywhere in an object before it is logged.
 */

/** Keys compared case-insensitively with '_' and '-' removed (so access_token and accessToken match). */
const SENSITIVE_KEYS = new Set([
  'phone',
  'phonenumber',
  'email',
  'to',
  'accesstoken',
  'refreshtoken',
  'token',
  'code',
  'clientsecret',
]);

/** "+14155550123" → "+1******0123": country prefix and last four digits stay for support. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '*'.repeat(phone.length);
  return phone.slice(0, 2) + '*'.repeat(phone.length - 6) + phone.slice(-4);
}

/** "alice@example.com" → "a***@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Masks an address of either kind (a message's `to`). */
export function maskAddress(address: string): string {
  return address.includes('@') ? maskEmail(address) : maskPhone(address);
}

function normalizeKey(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

function maskValue(name: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return '[redacted]';
  if (name === 'phone' || name === 'phonenumber' || name === 'email' || name === 'to') return maskAddress(value);
  return '[redacted]';
}

/** A deep copy of `value` with sensitive keys masked; cycles become "[circular]". */
export function redact<T>(value: T): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[circular]';
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (v instanceof Date) return v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      const name = normalizeKey(k);
      out[k] = SENSITIVE_KEYS.has(name) ? maskValue(name, child) : walk(child);
    }
    return out;
  };
  return walk(value) as T;
}
