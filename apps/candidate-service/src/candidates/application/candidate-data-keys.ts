import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonalDataCipher } from '../../privacy/personal-data-cipher';
import { CandidateNotFoundError } from '../domain/candidate.errors';
import { CandidateRepository } from '../domain/candidate.repository';

/** Seals and opens free text about a candidate (assessment comments) with her own data key, so erasure shreds it too. */
@Injectable()
export class CandidateDataKeys {
  constructor(
    private readonly candidates: CandidateRepository,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async seal(em: EntityManager, candidateId: string, field: string, value: string): Promise<Buffer> {
    return this.cipher.encryptJson(await this.dataKey(em, candidateId), candidateId, field, value);
  }

  async open(em: EntityManager, candidateId: string, field: string, sealed: Buffer): Promise<string> {
    return this.cipher.decryptJson<string>(await this.dataKey(em, candidateId), candidateId, field, sealed);
  }

  private async dataKey(em: EntityManager, candidateId: string): Promise<Buffer> {
    const personal = await this.candidates.personalData(em, candidateId);
    if (!personal) throw new CandidateNotFoundError(candidateId);
    return this.cipher.unwrap(candidateId, personal.wrappedDataKey);
  }
}
