import { describe, expect, it } from 'vitest';
import { AesCipher } from '../../../shared/adapters/cipher/aes-cipher.js';

const cipher = new AesCipher('unit-test-secret-0123456789');
const ctx = { runnerId: 'r-1' };

/** Flips one bit in the base64 field `index` (1 iv, 2 tag, 3 ciphertext). */
function tamper(token: string, index: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join('.');
}

describe('AesCipher', () => {
  it('round-trips text, including non-ASCII', async () => {
    const plaintext = JSON.stringify({ accessToken: 'abc', note: 'Läufer 🏃' });
    const token = await cipher.encrypt(plaintext, ctx);
    expect(await cipher.decrypt(token, ctx)).toBe(plaintext);
    expect(await cipher.decrypt(await cipher.encrypt('', ctx), ctx)).toBe('');
  });

  it('writes v1.<iv>.<tag>.<ct> with a fresh 12-byte IV each time', async () => {
    const a = await cipher.encrypt('same', ctx);
    const b = await cipher.encrypt('same', ctx);
    expect(a).not.toBe(b);
    const [version, iv, tag, ct] = a.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64')).toHaveLength(16);
    expect(Buffer.from(ct!, 'base64')).toHaveLength(4);
    expect(a).not.toContain('same');
  });

  it('detects tampering with the IV, the tag or the ciphertext', async () => {
    const token = await cipher.encrypt('secret tokens', ctx);
    for (const index of [1, 2, 3]) {
      await expect(cipher.decrypt(tamper(token, index), ctx)).rejects.toThrow(/decryption failed/);
    }
  });

  it('fails with a different context, and ignores key order in the context', async () => {
    const token = await cipher.encrypt('secret', { runnerId: 'r-1', purpose: 'tokens' });
    await expect(cipher.decrypt(token, { runnerId: 'r-2', purpose: 'tokens' })).rejects.toThrow(/decryption failed/);
    await expect(cipher.decrypt(token, { runnerId: 'r-1' })).rejects.toThrow(/decryption failed/);
    expect(await cipher.decrypt(token, { purpose: 'tokens', runnerId: 'r-1' })).toBe('secret');
  });

  it('fails with a different secret', async () => {
    const token = await cipher.encrypt('secret', ctx);
    await expect(new AesCipher('another-secret-0123456789').decrypt(token, ctx)).rejects.toThrow(/decryption failed/);
  });

  it('rejects malformed input and an empty secret', async () => {
    await expect(cipher.decrypt('not-a-token', ctx)).rejects.toThrow(/unrecognized/);
    await expect(cipher.decrypt('v2.a.b.c', ctx)).rejects.toThrow(/unrecognized/);
    await expect(cipher.decrypt('v1.AAAA.AAAA.AAAA', ctx)).rejects.toThrow(/malformed/);
    expect(() => new AesCipher('')).toThrow(/non-empty/);
  });
});
