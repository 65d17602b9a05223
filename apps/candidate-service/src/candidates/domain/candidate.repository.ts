import type { ConsentPurpose } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import type { CandidateProfile, FollowUpAttributes } from './candidate';

export interface CandidateRecord extends CandidateProfile {
  readonly candidateId: string;
  readonly tenant: string;
  readonly revision: number;
  readonly waitingSince: string;
  readonly registeredAt: string;
}

export interface PersonalDataRecord {
  readonly wrappedDataKey: Buffer;
  readonly contact: Buffer;
  readonly identityNumber: Buffer | null;
}

export interface ConsentRecord {
  purpose: ConsentPurpose;
  given: boolean;
  changedAt: string;
}

/**
 * The candidate aggregate's rows: her profile, personal data, consents, follow-up attributes and the tombstone
 * erasure leaves. Every method takes the caller's transaction. The SQL is in PostgresCandidateRepository; handler
 * specs use an in-memory fake of this class.
 */
export abstract class CandidateRepository {
  abstract insert(em: EntityManager, c: Omit<CandidateRecord, 'registeredAt'>): Promise<void>;
  abstract find(em: EntityManager, candidateId: string): Promise<CandidateRecord | undefined>;
  /** Locks her for the rest of the transaction (her events get gap-free, ordered revisions); unknown: CandidateNotFoundError. */
  abstract lock(em: EntityManager, candidateId: string): Promise<CandidateRecord>;
  /**
   * One revision counter per candidate for every event about her (profile, consent, validations), used as the
   * envelope's aggregateVersion and the payloads' `revision`, so consumers can drop anything older than they hold.
   */
  abstract nextRevision(em: EntityManager, candidateId: string): Promise<{ revision: number; tenant: string }>;
  abstract updateProfile(em: EntityManager, candidateId: string, tenant: string, p: CandidateProfile): Promise<void>;
  abstract setWaitingSince(em: EntityManager, candidateId: string, date: string): Promise<void>;
  /** Serialises registrations with the same identity number (by its blind index) until the transaction ends. */
  abstract lockIdentityNumber(em: EntityManager, index: Buffer): Promise<void>;
  abstract insertPersonalData(
    em: EntityManager,
    candidateId: string,
    data: PersonalDataRecord,
    identityNumberIndex: Buffer | null,
  ): Promise<void>;
  abstract identityNumberTaken(em: EntityManager, index: Buffer): Promise<boolean>;
  abstract personalData(em: EntityManager, candidateId: string): Promise<PersonalDataRecord | undefined>;
  /** Her consents, by purpose. */
  abstract consents(em: EntityManager, candidateId: string): Promise<ConsentRecord[]>;
  abstract setConsent(
    em: EntityManager,
    candidateId: string,
    purpose: ConsentPurpose,
    given: boolean,
    at: Date,
    actor: string,
  ): Promise<void>;
  abstract insertFollowUp(em: EntityManager, candidateId: string, f: FollowUpAttributes): Promise<void>;
  abstract deleteFollowUp(em: EntityManager, candidateId: string): Promise<void>;
  /** Erasure: deletes her consents, follow-up attributes, personal data (her wrapped data key with it) and profile, and leaves a tombstone. */
  abstract erase(em: EntityManager, candidateId: string, at: Date): Promise<void>;
  /** When she was erased (the tombstone), if she was. */
  abstract erasedAt(em: EntityManager, candidateId: string): Promise<string | undefined>;
}
