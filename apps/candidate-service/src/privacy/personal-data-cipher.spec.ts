import { randomBytes, randomUUID } from 'node:crypto';
import { PersonalDataCipher, UnreadableCiphertextError } from './personal-data-cipher';

describe(PersonalDataCipher.name, () => {
  const cipher = new PersonalDataCipher(randomBytes(32));
  const candidateId = randomUUID();
  const contact = { name: 'Amina Testsson', email: 'amina@example.org', phone: '+46 70 123 45 67' };

  it('round-trips a value through its data key, and the ciphertext does not contain the plaintext', () => {
    const { dataKey, wrapped } = cipher.newDataKey(candidateId);
    const sealed = cipher.encryptJson(dataKey, candidateId, 'contact', contact);
    expect(sealed.toString('latin1')).not.toContain('Amina');
    expect(cipher.decryptJson(cipher.unwrap(candidateId, wrapped), candidateId, 'contact', sealed)).toEqual(contact);
  });

  it('makes the ciphertext unreadable once her data key is gone: no other key opens it', () => {
    const { dataKey } = cipher.newDataKey(candidateId);
    const sealed = cipher.encryptJson(dataKey, candidateId, 'contact', contact);
    const other = cipher.newDataKey(candidateId).dataKey;
    expect(() => cipher.decryptJson(other, candidateId, 'contact', sealed)).toThrow(UnreadableCiphertextError);
  });

  it('binds a ciphertext to its candidate and field', () => {
    const { dataKey } = cipher.newDataKey(candidateId);
    const sealed = cipher.encryptJson(dataKey, candidateId, 'contact', contact);
    expect(() => cipher.decryptJson(dataKey, randomUUID(), 'contact', sealed)).toThrow(UnreadableCiphertextError);
    expect(() => cipher.decryptJson(dataKey, candidateId, 'identity-number', sealed)).toThrow(UnreadableCiphertextError);
  });

  it('cannot unwrap a data key with another master key', () => {
    const { wrapped } = cipher.newDataKey(candidateId);
    expect(() => new PersonalDataCipher(randomBytes(32)).unwrap(candidateId, wrapped)).toThrow(UnreadableCiphertextError);
  });

  it('detects tampering', () => {
    const { dataKey } = cipher.newDataKey(candidateId);
    const sealed = cipher.encryptJson(dataKey, candidateId, 'contact', contact);
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.decryptJson(dataKey, candidateId, 'contact', sealed)).toThrow(UnreadableCiphertextError);
  });

  it('gives a deterministic blind index that depends on the master key and the value', () => {
    expect(cipher.blindIndex('identity-number', '198112189876')).toEqual(cipher.blindIndex('identity-number', '198112189876'));
    expect(cipher.blindIndex('identity-number', '198112189876')).not.toEqual(cipher.blindIndex('identity-number', '198112189877'));
    expect(new PersonalDataCipher(randomBytes(32)).blindIndex('identity-number', '198112189876')).not.toEqual(
      cipher.blindIndex('identity-number', '198112189876'),
    );
  });
});
