import type { WithdrawalReason } from '@jobbspar/contracts';
import type { Pair } from '@jobbspar/matching-core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Cause, pairKey } from '../../common/cause';
import { AssignmentProposals, ChosenEdge, ProposalTarget } from '../../proposals/application/assignment-proposals';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import { MatchEdgeRepository } from '../domain/match-edge.repository';

/** A pair the assignment let go of, with why. */
export interface Removal {
  pair: Pair;
  reason: WithdrawalReason;
}

/**
 * Turns the difference between two solves into proposals: removed pairs withdraw their open proposal, added pairs
 * become proposals with the score and explanation stored on their edge, grouped per need (pairs for a pair
 * internship are formed within one solve's additions).
 */
@Injectable()
export class AssignmentDiffApplier {
  constructor(
    private readonly edges: MatchEdgeRepository,
    private readonly readModels: ReadModelReader,
    private readonly proposals: AssignmentProposals,
  ) {}

  async apply(em: EntityManager, removed: readonly Removal[], added: readonly Pair[], cause: Cause): Promise<void> {
    await this.applyEach(em, [{ removed, added, cause }]);
  }

  /**
   * The difference of one solve made on behalf of several causes (a batch of events), each part for its own cause:
   * every withdrawal first, then every new proposal, each step one statement for all of them. A need's new pairs
   * must all be in one part (they are proposed together).
   */
  async applyEach(
    em: EntityManager,
    parts: readonly { removed: readonly Removal[]; added: readonly Pair[]; cause: Cause }[],
  ): Promise<void> {
    const withdrawnFor = new Map<string, Cause>();
    for (const part of parts) for (const r of part.removed) withdrawnFor.set(pairKey(r.pair.candidate, r.pair.need), part.cause);
    await this.proposals.withdrawProposed(
      em,
      parts.flatMap((part) => part.removed.map((r) => ({ candidateId: r.pair.candidate, needId: r.pair.need, reason: r.reason }))),
      (p) => withdrawnFor.get(pairKey(p.candidateId, p.needId))!,
    );
    const added = parts.flatMap((part) => part.added);
    if (added.length === 0) return;
    const edges = await this.edges.edges(em, added);
    const byNeed = new Map<string, ChosenEdge[]>();
    const causeOfNeed = new Map<string, Cause>();
    for (const part of parts) {
      for (const pair of part.added) {
        const edge = edges.get(pairKey(pair.candidate, pair.need));
        if (!edge) throw new Error(`assignment chose ${pair.candidate} for ${pair.need} without a stored edge`);
        const list = byNeed.get(pair.need) ?? [];
        list.push(edge);
        byNeed.set(pair.need, list);
        causeOfNeed.set(pair.need, part.cause);
      }
    }
    const needs = new Map((await this.readModels.needs(em, [...byNeed.keys()])).map((n) => [n.needId, n]));
    const groups = [...byNeed].map(([needId, list]) => {
      const need = needs.get(needId);
      if (!need) throw new Error(`assignment chose candidates for need ${needId}, which has no terms here`);
      const target: ProposalTarget = {
        needId,
        tenant: need.tenant,
        municipality: need.workplaceMunicipality,
        occupations: need.occupations,
        pairInternshipAllowed: need.terms.support.pairInternshipAllowed,
      };
      return { need: target, edges: list, cause: causeOfNeed.get(needId)! };
    });
    await this.proposals.propose(em, groups, parts[0].cause);
  }
}
