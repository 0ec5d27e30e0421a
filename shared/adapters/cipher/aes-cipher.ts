import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Cipher } from '../../ports/index.js';
import { AdapterConfigError, CorruptDataError } from '../errors.js';

const VERSION = 'v1';
const HKDF_INFO = 'runnudge-token-cipher';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for the local runtime (KMS on AWS). The key comes from the app secret through HKDF,
 * so the raw secret is never used as a key and rotating APP_SECRET rotates the key. The encryption
 * context goes in as additional authenticated data: a ciphertext only decrypts with the same context
 * (the same runner). Output: "v1.<b64 iv>.<b64 tag>.<b64 ciphertext>".
 */
export class AesCipher implements Cipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length === 0) throw new AdapterConfigError('AesCipher needs a non-empty secret (APP_SECRET)');
    // No salt: the input is a high-entropy secret, not a password; the info string separates uses.
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), HKDF_INFO, 32));
  }

  async encrypt(plaintext: string, context: Record<string, string>): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(contextBytes(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join('.');
  }

  async decrypt(ciphertext: string, context: Record<string, string>): Promise<string> {
    const parts = ciphertext.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new CorruptDataError('AesCipher: unrecognized ciphertext format');
    const iv = Buffer.from(parts[1]!, 'base64');
    const tag = Buffer.from(parts[2]!, 'base64');
    const body = Buffer.from(parts[3]!, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new CorruptDataError('AesCipher: malformed ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(contextBytes(context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // Same message for a wrong key, a wrong context and tampering: no oracle, nothing to log.
      throw new CorruptDataError('AesCipher: decryption failed (wrong key or context, or tampered data)');
    }
  }
}

/** Sorted keys: the same context always yields the same AAD, whatever order the caller wrote it in. */
function contextBytes(context: Record<string, string>): Buffer {
  const sorted = Object.fromEntries(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}
