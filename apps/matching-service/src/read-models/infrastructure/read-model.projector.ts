import type { Contract } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import { applyConsent, applyNeedSnapshot, applyProfile, closeNeed, effectiveLevel, erasedCandidate, isErased } from '../domain/projection';
import type { ReadModelChange, ReadModelFact } from '../domain/read-models';
import { translate } from './contract-translation';
import type { ReadModelRepository } from '../domain/read-model.repository';

const NONE: ReadModelChange = { kind: 'none' };

type Executor = Pick<EntityManager, 'query'>;

/**
 * Applies events to the read models of one schema: the live `matching` schema from the consumer, or a scratch
 * schema from replay. The same code in both is what makes replay a proof. An event is translated into matching's
 * own facts first; from there on nothing knows which contract version it was.
 */
export class ReadModelProjector {
  constructor(private readonly readModels: ReadModelRepository) {}

  async apply(em: Executor, contract: Contract, payload: object): Promise<ReadModelChange> {
    const fact = translate(contract, payload);
    return fact ? this.applyFact(em, fact) : NONE;
  }

  private async applyFact(em: Executor, fact: ReadModelFact): Promise<ReadModelChange> {
    switch (fact.kind) {
      case 'employer-registered':
        // Nothing to re-score: who the employer is changes no pair.
        await this.readModels.saveEmployer(em, fact.employer);
        return NONE;
      case 'need-snapshot': {
        const next = applyNeedSnapshot(await this.readModels.need(em, fact.need.needId), fact.need);
        if (!next) return NONE;
        await this.readModels.saveNeed(em, next);
        return { kind: 'need', needId: next.needId };
      }
      case 'need-closed': {
        const next = closeNeed(await this.readModels.need(em, fact.needId), fact.needId, fact.revision, fact.status);
        if (!next) return NONE;
        await this.readModels.saveNeed(em, next);
        return { kind: 'need', needId: fact.needId };
      }
      case 'candidate-profile': {
        const held = await this.readModels.candidate(em, fact.candidate.candidateId);
        const next = applyProfile(held, fact.candidate);
        if (!next) return NONE;
        await this.readModels.saveCandidate(em, next);
        return {
          kind: 'candidate',
          candidateId: next.candidateId,
          consentWithdrawn: held?.matchingConsent === true && !next.matchingConsent,
        };
      }
      case 'consent-changed': {
        const next = applyConsent(await this.readModels.candidate(em, fact.candidateId), fact.candidateId, fact.revision, fact.given);
        if (!next) return NONE;
        await this.readModels.saveCandidate(em, next);
        return { kind: 'candidate', candidateId: fact.candidateId, consentWithdrawn: !fact.given };
      }
      case 'task-validated':
        // Nothing of an erased candidate comes back, however late it arrives.
        if (isErased(await this.readModels.candidate(em, fact.validation.candidateId))) return NONE;
        await this.readModels.saveValidation(em, fact.validation);
        return this.refreshLevel(em, fact.validation.candidateId, fact.validation.taskId);
      case 'validation-revoked':
        // A revocation that overtakes its validation leaves a revoked stub; the validation, when it comes, stays revoked.
        if (isErased(await this.readModels.candidate(em, fact.candidateId))) return NONE;
        await this.readModels.revokeValidation(em, fact);
        return this.refreshLevel(em, fact.candidateId, fact.taskId);
      case 'candidate-erased':
        await this.readModels.deleteValidations(em, fact.candidateId);
        // A tombstone keeps a late, older profile event from bringing her back.
        await this.readModels.saveCandidate(em, erasedCandidate(fact.candidateId));
        return { kind: 'erased', candidateId: fact.candidateId };
    }
  }

  private async refreshLevel(em: Executor, candidateId: string, taskId: string): Promise<ReadModelChange> {
    const level = effectiveLevel(await this.readModels.validations(em, candidateId, taskId));
    if ((await this.readModels.level(em, candidateId, taskId)) === level) return NONE;
    await this.readModels.setLevel(em, candidateId, taskId, level);
    return { kind: 'candidate', candidateId, consentWithdrawn: false };
  }
}
