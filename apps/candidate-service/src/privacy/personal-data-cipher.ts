import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when ciphertext cannot be opened: wrong key, tampered bytes, or a key that erasure destroyed. */
export class UnreadableCiphertextError extends Error {
  constructor() {
    super('ciphertext cannot be decrypted with this key');
    this.name = 'UnreadableCiphertextError';
  }
}

/** AES-256-GCM; output is iv | tag | ciphertext. The associated data binds a ciphertext to its candidate and field. */
export function seal(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new UnreadableCiphertextError();
  }
}

/**
 * Envelope encryption for one candidate's personal data. Each candidate has her own random data key, stored only
 * wrapped by the master key; erasure deletes the wrapped key, after which every ciphertext of hers (wherever a copy
 * survived: a backup, a replica) is noise. Identity numbers are found by a keyed HMAC (blind index), so uniqueness
 * is checked without storing or comparing plaintext.
 */
export class PersonalDataCipher {
  private readonly wrappingKey: Buffer;
  private readonly blindIndexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the candidate master key must be 32 bytes');
    // Separate keys per use, so the blind index cannot be turned into a decryption oracle and vice versa.
    this.wrappingKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jobbspar/candidate/wrap-data-key', 32));
    this.blindIndexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jobbspar/candidate/blind-index', 32));
  }

  newDataKey(candidateId: string): { dataKey: Buffer; wrapped: Buffer } {
    const dataKey = randomBytes(32);
    return { dataKey, wrapped: seal(this.wrappingKey, dataKey, `data-key:${candidateId}`) };
  }

  unwrap(candidateId: string, wrapped: Buffer): Buffer {
    return open(this.wrappingKey, wrapped, `data-key:${candidateId}`);
  }

  encryptJson(dataKey: Buffer, candidateId: string, field: string, value: unknown): Buffer {
    return seal(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), `${field}:${candidateId}`);
  }

  decryptJson<T>(dataKey: Buffer, candidateId: string, field: string, sealed: Buffer): T {
    return JSON.parse(open(dataKey, sealed, `${field}:${candidateId}`).toString('utf8')) as T;
  }

  blindIndex(kind: string, normalised: string): Buffer {
    return createHmac('sha256', this.blindIndexKey).update(`${kind}:${normalised}`).digest();
  }
}
