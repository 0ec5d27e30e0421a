import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, redact } from '../../../shared/adapters/logging.js';

describe('logging redaction', () => {
  it('masks phones and emails', () => {
    expect(maskPhone('+14155550123')).toBe('+1******0123');
    expect(maskPhone('+447700900123')).toBe('+4*******0123');
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('nonsense')).toBe('***');
  });

  it('redacts sensitive keys at any depth and leaves the rest', () => {
    const input = {
      runnerId: 'r-1',
      settings: { phone: '+14155550123', email: 'alice@example.com', timeZone: 'UTC' },
      message: { to: '+14155550123', text: 'hi' },
      mail: { to: 'bob@example.com' },
      tokens: { accessToken: 'aaa', refreshToken: 'bbb', expiresAt: 1 },
      strava: { access_token: 'ccc', refresh_token: 'ddd', client_secret: 'eee' },
      query: { code: 'oauth-code', state: 's' },
      list: [{ token: 'fff' }],
      phone: null,
    };
    const out = redact(input);
    expect(out).toEqual({
      runnerId: 'r-1',
      settings: { phone: '+1******0123', email: 'a***@example.com', timeZone: 'UTC' },
      message: { to: '+1******0123', text: 'hi' },
      mail: { to: 'b***@example.com' },
      tokens: { accessToken: '[redacted]', refreshToken: '[redacted]', expiresAt: 1 },
      strava: { access_token: '[redacted]', refresh_token: '[redacted]', client_secret: '[redacted]' },
      query: { code: '[redacted]', state: 's' },
      list: [{ token: '[redacted]' }],
      phone: null,
    });
    expect(input.tokens.accessToken).toBe('aaa'); // a copy, the input is untouched
  });

  it('survives cycles and errors', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', self: '[circular]' });
    expect(redact({ err: new Error('boom') })).toEqual({ err: { name: 'Error', message: 'boom' } });
  });
});
