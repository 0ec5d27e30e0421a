import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { KmsCipher } from '../../../shared/adapters/cipher/kms-cipher.js';

const kms = mockClient(KMSClient);
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

afterEach(() => kms.reset());

describe('KmsCipher', () => {
  const cipher = new KmsCipher(new KMSClient({ region: 'us-east-1' }), KEY);

  it('encrypts with KeyId and EncryptionContext and returns base64', async () => {
    kms.on(EncryptCommand).resolves({ CiphertextBlob: new Uint8Array([1, 2, 3, 250]), KeyId: KEY });
    const out = await cipher.encrypt('{"accessToken":"a"}', { runnerId: 'r-1' });
    expect(out).toBe(Buffer.from([1, 2, 3, 250]).toString('base64'));
    const calls = kms.commandCalls(EncryptCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      KeyId: KEY,
      Plaintext: Buffer.from('{"accessToken":"a"}', 'utf8'),
      EncryptionContext: { runnerId: 'r-1' },
    });
  });

  it('decrypts with the same KeyId and EncryptionContext', async () => {
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from('{"accessToken":"a"}', 'utf8'), KeyId: KEY });
    const blob = Buffer.from([1, 2, 3, 250]).toString('base64');
    expect(await cipher.decrypt(blob, { runnerId: 'r-1' })).toBe('{"accessToken":"a"}');
    const calls = kms.commandCalls(DecryptCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      KeyId: KEY,
      CiphertextBlob: Buffer.from([1, 2, 3, 250]),
      EncryptionContext: { runnerId: 'r-1' },
    });
  });

  it('passes KMS errors through (e.g. a wrong context)', async () => {
    kms.on(DecryptCommand).rejects(Object.assign(new Error('denied'), { name: 'InvalidCiphertextException' }));
    await expect(cipher.decrypt('AQID', { runnerId: 'r-2' })).rejects.toThrow('denied');
  });

  it('needs a key id', () => {
    expect(() => new KmsCipher(new KMSClient({ region: 'us-east-1' }), '')).toThrow(/TOKEN_KEY_ID/);
  });
});
