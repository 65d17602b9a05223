import type { Contract } from '@jobbspar/contracts';
import type { BatchScope } from '@jobbspar/messaging';
import type { EntityManager } from 'typeorm';
import { applyConsent, applyNeedSnapshot, applyProfile, closeNeed, effectiveLevel, erasedCandidate, isErased } from '../domain/projection';
import type { ReadModelChange, ReadModelFact } from '../domain/read-models';
import { translate } from './contract-translation';
import type { ReadModelRepository } from '../domain/read-model.repository';
import { ProjectionBatch, type ProjectionStore } from './projection-batch';

const NONE: ReadModelChange = { kind: 'none' };

type Executor = Pick<EntityManager, 'query'>;

/**
 * Applies events to the read models of one schema: the live `matching` schema from the consumer, or a scratch
 * schema from replay. The same code in both is what makes replay a proof. An event is translated into matching's
 * own facts first; from there on nothing knows which contract version it was.
 */
export class ReadModelProjector {
  /** Per batch transaction: its read models in memory, written once at the batch's end (or when flushed). */
  private readonly batches = new WeakMap<Executor, ProjectionBatch>();

  constructor(private readonly readModels: ReadModelRepository) {}

  /**
   * Projects one event. Within a batch of events (`batch`), the rows the whole batch touches are read in one go at
   * its first event, each event is projected in memory, and only the newest state of each row is written, at the
   * batch's end (before the work matching defers there, which the handler asks for after this) or when `flush`
   * is called; the change returned is the one applying the events one by one would return.
   */
  async apply(em: Executor, contract: Contract, payload: object, batch?: BatchScope): Promise<ReadModelChange> {
    const fact = translate(contract, payload);
    if (!fact) return NONE;
    const store = batch ? (this.batches.get(em) ?? (await this.batchOf(em, batch))) : this.readModels;
    return this.applyFact(store, em, fact);
  }

  /** Writes what the batch of `em` has projected so far, for work that reads the read models in SQL before its end. */
  async flush(em: Executor): Promise<void> {
    await this.batches.get(em)?.flush(em);
  }

  /**
   * Of `candidateIds`, those the batch of `em` holds as knownCandidates would read them (its fresh candidates, so
   * that matching need not read back what the batch has just written); undefined outside a batch or while the batch
   * has rows not written yet.
   */
  heldCandidates(em: Executor, candidateIds: readonly string[]): ReturnType<ProjectionBatch['known']> {
    return this.batches.get(em)?.known(candidateIds);
  }

  /** heldCandidates for needs: the batch's needs with terms, as knownNeeds would read them. */
  heldNeeds(em: Executor, needIds: readonly string[]): ReturnType<ProjectionBatch['knownNeeds']> {
    return this.batches.get(em)?.knownNeeds(needIds);
  }

  private async batchOf(em: Executor, scope: BatchScope): Promise<ProjectionBatch> {
    let batch = this.batches.get(em);
    if (!batch) {
      batch = new ProjectionBatch(this.readModels);
      this.batches.set(em, batch);
      const created = batch;
      // Kept (by this transaction's EntityManager) after the flush: what matching reads of the batch's candidates
      // next is answered from it (heldCandidates).
      scope.atEnd('read-models', () => created.flush(em));
      const facts = scope.events.flatMap((e) => {
        try {
          const fact = translate(e.contract, e.payload);
          return fact ? [fact] : [];
        } catch {
          // Not readable as a fact: it fails when its turn comes, as it would alone; nothing to read ahead for it.
          return [];
        }
      });
      await batch.load(em, facts);
    }
    return batch;
  }

  private async applyFact(store: ProjectionStore, em: Executor, fact: ReadModelFact): Promise<ReadModelChange> {
    switch (fact.kind) {
      case 'employer-registered':
        // Nothing to re-score: who the employer is changes no pair.
        await store.saveEmployer(em, fact.employer);
        return NONE;
      case 'need-snapshot': {
        const next = applyNeedSnapshot(await store.need(em, fact.need.needId), fact.need);
        if (!next) return NONE;
        await store.saveNeed(em, next);
        return { kind: 'need', needId: next.needId };
      }
      case 'need-closed': {
        const next = closeNeed(await store.need(em, fact.needId), fact.needId, fact.revision, fact.status);
        if (!next) return NONE;
        await store.saveNeed(em, next);
        return { kind: 'need', needId: fact.needId };
      }
      case 'candidate-profile': {
        const held = await store.candidate(em, fact.candidate.candidateId);
        const next = applyProfile(held, fact.candidate);
        if (!next) return NONE;
        await store.saveCandidate(em, next);
        return {
          kind: 'candidate',
          candidateId: next.candidateId,
          consentWithdrawn: held?.matchingConsent === true && !next.matchingConsent,
        };
      }
      case 'consent-changed': {
        const next = applyConsent(await store.candidate(em, fact.candidateId), fact.candidateId, fact.revision, fact.given);
        if (!next) return NONE;
        await store.saveCandidate(em, next);
        return { kind: 'candidate', candidateId: fact.candidateId, consentWithdrawn: !fact.given };
      }
      case 'task-validated':
        // Nothing of an erased candidate comes back, however late it arrives.
        if (isErased(await store.candidate(em, fact.validation.candidateId))) return NONE;
        await store.saveValidation(em, fact.validation);
        return this.refreshLevel(store, em, fact.validation.candidateId, fact.validation.taskId);
      case 'validation-revoked':
        // A revocation that overtakes its validation leaves a revoked stub; the validation, when it comes, stays revoked.
        if (isErased(await store.candidate(em, fact.candidateId))) return NONE;
        await store.revokeValidation(em, fact);
        return this.refreshLevel(store, em, fact.candidateId, fact.taskId);
      case 'candidate-erased':
        await store.deleteValidations(em, fact.candidateId);
        // A tombstone keeps a late, older profile event from bringing her back.
        await store.saveCandidate(em, erasedCandidate(fact.candidateId));
        return { kind: 'erased', candidateId: fact.candidateId };
    }
  }

  private async refreshLevel(store: ProjectionStore, em: Executor, candidateId: string, taskId: string): Promise<ReadModelChange> {
    const level = effectiveLevel(await store.validations(em, candidateId, taskId));
    if ((await store.level(em, candidateId, taskId)) === level) return NONE;
    await store.setLevel(em, candidateId, taskId, level);
    return { kind: 'candidate', candidateId, consentWithdrawn: false };
  }
}
