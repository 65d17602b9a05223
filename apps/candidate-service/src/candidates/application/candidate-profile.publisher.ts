import { Injectable } from '@nestjs/common';
import { CandidateProfileUpdatedV1, CandidateProfileV1Payload, CandidateRegisteredV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { EntityManager } from 'typeorm';
import { CandidateRepository } from '../domain/candidate.repository';

export interface EventContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId?: string;
}

/**
 * Appends her full matching profile (event-carried state) to the outbox. Built only from the profile table and her
 * matching consent: contact details, identity number, languages and follow-up attributes cannot reach it.
 */
@Injectable()
export class CandidateProfilePublisher {
  constructor(
    private readonly candidates: CandidateRepository,
    private readonly outbox: Outbox,
  ) {}

  async publish(
    em: EntityManager,
    contract: typeof CandidateRegisteredV1 | typeof CandidateProfileUpdatedV1,
    candidateId: string,
    ctx: EventContext,
  ): Promise<number> {
    const { revision, tenant } = await this.candidates.nextRevision(em, candidateId);
    const candidate = (await this.candidates.find(em, candidateId))!;
    const consents = await this.candidates.consents(em, candidateId);
    const payload: CandidateProfileV1Payload = {
      candidateId,
      revision,
      homeMunicipality: candidate.homeMunicipality,
      availableFrom: candidate.availableFrom,
      maxCommuteMinutes: candidate.maxCommuteMinutes,
      interests: [...candidate.interests],
      supportNeeds: { ...candidate.supportNeeds },
      waitingSince: candidate.waitingSince,
      matchingConsent: consents.some((c) => c.purpose === 'matching' && c.given),
    };
    await this.outbox.append(em, contract, payload, { tenant, aggregateId: candidateId, aggregateVersion: revision, ...ctx });
    return revision;
  }
}
