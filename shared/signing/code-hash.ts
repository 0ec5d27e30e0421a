import { createHash } from 'node:crypto';

/**
 * The stored form of a phone verification code: hex sha-256 of a random salt and the code, so a
 * leaked table row does not hand out a code. Outside shared/domain (which may not use node:crypto);
 * the domain rules in shared/domain/phone/verification.ts take it as a parameter.
 */
export function hashVerificationCode(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}
