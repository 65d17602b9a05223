import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EmployerReadModel, KnownCandidate, KnownNeed } from '../domain/read-models';
import { NeedsAsking, Reach, ReadModelRepository } from '../domain/read-model.repository';
import { ReadModelProjector } from '../infrastructure/read-model.projector';

export type { NeedsAsking, Reach };

type Executor = Pick<EntityManager, 'query'>;

/** The live read models as the rest of matching-service reads them: by id, and through the task indexes. */
@Injectable()
export class ReadModelReader {
  constructor(
    private readonly readModels: ReadModelRepository,
    /** The batch being projected in a transaction holds its candidates as just written: they are not read back. */
    @Optional() private readonly projector?: ReadModelProjector,
  ) {}

  async employer(em: Executor, employerId: string): Promise<EmployerReadModel | undefined> {
    return (await this.readModels.employers(em, [employerId]))[0];
  }

  employers(em: Executor, employerIds: readonly string[]): Promise<EmployerReadModel[]> {
    return this.readModels.employers(em, employerIds);
  }

  /** Ids of the employers the caller speaks for (see common/viewer.ts `speaksFor`). */
  employerIdsOf(em: Executor, by: { organisationNumber: string | null; municipalities: readonly string[] }): Promise<string[]> {
    return this.readModels.employerIdsOf(em, by);
  }

  needIdsOfEmployers(em: Executor, employerIds: readonly string[]): Promise<string[]> {
    return this.readModels.needIdsOfEmployers(em, employerIds);
  }

  async need(em: Executor, needId: string): Promise<KnownNeed | undefined> {
    return (await this.readModels.knownNeeds(em, [needId]))[0];
  }

  /** Needs whose terms are known (in no particular order, as in SQL); a batch's own needs from the batch. */
  async needs(em: Executor, needIds: readonly string[]): Promise<KnownNeed[]> {
    const fromBatch = this.projector?.heldNeeds(em, needIds);
    if (!fromBatch) return this.readModels.knownNeeds(em, needIds);
    return fromBatch.rest.length > 0 ? [...fromBatch.held, ...(await this.readModels.knownNeeds(em, fromBatch.rest))] : fromBatch.held;
  }

  /** Candidates with a profile, each with her effective level per task, in id order. */
  async candidates(em: Executor, candidateIds: readonly string[]): Promise<KnownCandidate[]> {
    const fromBatch = this.projector?.heldCandidates(em, candidateIds);
    if (!fromBatch) return this.readModels.knownCandidates(em, candidateIds);
    const read = fromBatch.rest.length > 0 ? await this.readModels.knownCandidates(em, fromBatch.rest) : [];
    return [...fromBatch.held, ...read].sort(byCandidateId);
  }

  /** Every candidate with a profile and every open need with positions left: the engine's in-memory index. */
  async forIndex(em: Executor): Promise<{ candidates: KnownCandidate[]; needs: KnownNeed[] }> {
    return { candidates: await this.readModels.allKnownCandidates(em), needs: await this.readModels.openKnownNeeds(em) };
  }

  /** Candidates holding at least one of the tasks, and with `reach` only those within their own commute of it. */
  candidatesHoldingAny(em: Executor, taskIds: readonly string[], reach?: Reach): Promise<string[]> {
    return this.readModels.candidatesHoldingAny(em, taskIds, reach);
  }

  /** Open needs with positions left asking for at least one of the tasks, with `workplaces` only in those. */
  openNeedsAskingAny(em: Executor, taskIds: readonly string[], workplaces?: readonly string[]): Promise<string[]> {
    return this.readModels.openNeedsAskingAny(em, taskIds, workplaces);
  }

  /** Open needs with positions left of a region: what its weights score. */
  openNeedIdsOfRegion(em: Executor, tenant: string): Promise<string[]> {
    return this.readModels.openNeedIdsOfRegion(em, tenant);
  }

  /** openNeedsAskingAny for several questions in one round trip: the need ids per key. */
  openNeedsAskingAnyEach(em: Executor, asks: readonly NeedsAsking[]): Promise<Map<string, string[]>> {
    return this.readModels.openNeedsAskingAnyEach(em, asks);
  }
}

/** SQL's ORDER BY candidate_id: uuids compare as their lower-case text does. */
function byCandidateId(a: KnownCandidate, b: KnownCandidate): number {
  const x = a.candidateId.toLowerCase();
  const y = b.candidateId.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
