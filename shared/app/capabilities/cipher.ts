import { KMSClient } from '@aws-sdk/client-kms';
import { AesCipher } from '../../adapters/cipher/aes-cipher.js';
import { KmsCipher } from '../../adapters/cipher/kms-cipher.js';
import type { Cipher } from '../../ports/index.js';
import type { Base } from './base.js';
import type { AppSecrets } from './secrets.js';

/** The token cipher: KMS on AWS; AES-256-GCM under the app secret locally (no SDK client). */
export function tokenCipher({ config }: Base, secrets: AppSecrets): Cipher {
  return config.CIPHER === 'kms' ? new KmsCipher(new KMSClient({}), config.TOKEN_KEY_ID ?? '') : new AesCipher(secrets.appSecret);
}
