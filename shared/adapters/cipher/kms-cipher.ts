import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { Cipher } from '../../ports/index.js';
import { AdapterConfigError, ProviderResponseError } from '../errors.js';

/**
 * Direct KMS Encrypt/Decrypt: token JSON is a few hundred bytes, well under KMS's 4 KB plaintext
 * limit, so no envelope encryption is needed. The context is the KMS EncryptionContext (logged in
 * CloudTrail, so it must never hold secrets: the runner id only). Output is the base64 blob.
 */
export class KmsCipher implements Cipher {
  private readonly client: KMSClient;
  private readonly keyId: string;

  /** `keyId`: key id, ARN or alias (TOKEN_KEY_ID). */
  constructor(client: KMSClient, keyId: string) {
    if (!keyId) throw new AdapterConfigError('KmsCipher needs a key id (TOKEN_KEY_ID)');
    this.client = client;
    this.keyId = keyId;
  }

  async encrypt(plaintext: string, context: Record<string, string>): Promise<string> {
    const { CiphertextBlob } = await this.client.send(
      new EncryptCommand({ KeyId: this.keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: context }),
    );
    if (!CiphertextBlob) throw new ProviderResponseError('KMS Encrypt returned no ciphertext');
    return Buffer.from(CiphertextBlob).toString('base64');
  }

  async decrypt(ciphertext: string, context: Record<string, string>): Promise<string> {
    const { Plaintext } = await this.client.send(
      new DecryptCommand({
        // KeyId pins the key: KMS refuses a blob made under any other key (best practice).
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(ciphertext, 'base64'),
        EncryptionContext: context,
      }),
    );
    if (!Plaintext) throw new ProviderResponseError('KMS Decrypt returned no plaintext');
    return Buffer.from(Plaintext).toString('utf8');
  }
}
