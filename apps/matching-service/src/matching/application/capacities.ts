import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MatchingSettings } from '../../config/env';
import { PlacementLedger } from '../../placements/application/placement-ledger';
import { ProposalLedger } from '../../proposals/application/proposal-ledger';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import type { KnownCandidate, KnownNeed } from '../../read-models/domain/read-models';
import { candidateCapacity, needCapacity, supervisedCapacity } from '../domain/capacity';
import type { AssignmentModel } from './assignment-model';

export const MATCHING_SETTINGS = Symbol('MATCHING_SETTINGS');

type Executor = Pick<EntityManager, 'query'>;

/**
 * How many more proposals each side may hold open, set on the assignment model: a need's positions left × M minus
 * its accepted proposals, a candidate's K minus her accepted proposals and placements under way; a need's supervised
 * room is its supervisor capacity minus those who need close supervision among its accepted and placed candidates.
 */
@Injectable()
export class Capacities {
  constructor(
    private readonly readModels: ReadModelReader,
    private readonly proposals: ProposalLedger,
    private readonly placements: PlacementLedger,
    @Inject(MATCHING_SETTINGS) private readonly settings: MatchingSettings,
  ) {}

  /**
   * Recomputes the capacities of the needs and candidates named. `loaded` are read models the caller has just read
   * in the same transaction: they are not read again; `loaded.freeNeeds` are needs the caller has just seen hold no
   * accepted or placed pair (a placement is always of a placed proposal), whose held slots are therefore not read.
   */
  async refresh(
    em: Executor,
    model: AssignmentModel,
    needIds: readonly string[],
    candidateIds: readonly string[],
    loaded: { needs?: readonly KnownNeed[]; candidates?: readonly KnownCandidate[]; freeNeeds?: ReadonlySet<string> } = {},
  ): Promise<void> {
    if (needIds.length > 0) {
      const needs = await this.known(
        needIds,
        loaded.needs ?? [],
        (n) => n.needId,
        (ids) => this.readModels.needs(em, ids),
      );
      const holding = loaded.freeNeeds ? needIds.filter((id) => !loaded.freeNeeds!.has(id)) : needIds;
      const accepted = holding.length > 0 ? await this.proposals.acceptedPerNeed(em, holding) : new Map<string, number>();
      const supervisedHeld = holding.length > 0 ? await this.acceptedNeedingSupervision(em, holding) : new Map<string, number>();
      for (const id of needIds) {
        const need = needs.get(id);
        model.setNeed(id, needCapacity(need, accepted.get(id) ?? 0, this.settings), supervisedCapacity(need, supervisedHeld.get(id) ?? 0));
      }
    }
    if (candidateIds.length > 0) {
      const candidates = await this.known(
        candidateIds,
        loaded.candidates ?? [],
        (c) => c.candidateId,
        (ids) => this.readModels.candidates(em, ids),
      );
      const accepted = await this.proposals.acceptedPerCandidate(em, candidateIds);
      const underWay = await this.placements.underWayPerCandidate(em, candidateIds);
      for (const id of candidateIds) {
        const c = candidates.get(id);
        const held = (accepted.get(id) ?? 0) + (underWay.get(id) ?? 0);
        model.setCandidate(
          id,
          candidateCapacity(c && { eligible: c.matchingConsent }, held, this.settings),
          c?.profile.supportNeeds.closeSupervision ?? false,
        );
      }
    }
  }

  /**
   * Per need, its candidates who need close supervision and hold supervisor room outside the assignment: those
   * accepted, and those whose placement there is under way (a supervisor is busy with her until it ends).
   */
  private async acceptedNeedingSupervision(em: Executor, needIds: readonly string[]): Promise<Map<string, number>> {
    const accepted = await this.proposals.acceptedCandidatesPerNeed(em, needIds);
    const placed = await this.placements.underWayCandidatesPerNeed(em, needIds);
    const holding = new Map<string, string[]>();
    for (const source of [accepted, placed])
      for (const [needId, list] of source) holding.set(needId, [...(holding.get(needId) ?? []), ...list]);
    const ids = [...new Set([...holding.values()].flat())];
    if (ids.length === 0) return new Map();
    const supervised = new Set(
      (await this.readModels.candidates(em, ids)).filter((c) => c.profile.supportNeeds.closeSupervision).map((c) => c.candidateId),
    );
    return new Map([...holding].map(([needId, list]) => [needId, list.filter((c) => supervised.has(c)).length]));
  }

  /** The read models of `ids`: those already loaded, the rest read (an id that stays absent has no known row). */
  private async known<T>(
    ids: readonly string[],
    loaded: readonly T[],
    idOf: (t: T) => string,
    read: (ids: readonly string[]) => Promise<T[]>,
  ): Promise<Map<string, T>> {
    const byId = new Map(loaded.map((t) => [idOf(t), t]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) for (const t of await read(missing)) byId.set(idOf(t), t);
    return byId;
  }
}
