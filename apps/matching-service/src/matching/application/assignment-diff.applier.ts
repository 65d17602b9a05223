import type { WithdrawalReason } from '@jobbspar/contracts';
import type { Pair } from '@jobbspar/matching-core';
import { JsonLogger } from '@jobbspar/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Cause, pairKey } from '../../common/cause';
import { AssignmentProposals, ChosenEdge, ProposalTarget } from '../../proposals/application/assignment-proposals';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import type { KnownCandidate, KnownNeed } from '../../read-models/domain/read-models';
import { matchableCandidate, matchableNeed } from '../domain/match-edge';
import { MatchEdgeRepository } from '../domain/match-edge.repository';
import { PairScorer } from './pair-scorer';

/** Read models the caller holds as this transaction sees them (the engine's index): not read again. */
export interface KnownReadModels {
  need(needId: string): KnownNeed | undefined;
  candidate(candidateId: string): KnownCandidate | undefined;
}

/** A pair the assignment let go of, with why. */
export interface Removal {
  pair: Pair;
  reason: WithdrawalReason;
}

/**
 * Turns the difference between two solves into proposals: removed pairs withdraw their open proposal, added pairs
 * become proposals with the score stored on their edge and its explanation derived again from what scored it
 * (PairScorer.explainStored), grouped per need (pairs for a pair internship are formed within one solve's additions).
 */
@Injectable()
export class AssignmentDiffApplier {
  private readonly log = new JsonLogger('assignment-diff');

  constructor(
    private readonly edges: MatchEdgeRepository,
    private readonly readModels: ReadModelReader,
    private readonly proposals: AssignmentProposals,
    private readonly scorer: PairScorer,
  ) {}

  async apply(
    em: EntityManager,
    removed: readonly Removal[],
    added: readonly Pair[],
    cause: Cause,
    known?: KnownReadModels,
  ): Promise<void> {
    await this.applyEach(em, [{ removed, added, cause }], known);
  }

  /**
   * The difference of one solve made on behalf of several causes (a batch of events), each part for its own cause:
   * every withdrawal first, then every new proposal, each step one statement for all of them. A need's new pairs
   * must all be in one part (they are proposed together). The pairs' needs and candidates are taken from `known`
   * where it holds them, and only the others read.
   */
  async applyEach(
    em: EntityManager,
    parts: readonly { removed: readonly Removal[]; added: readonly Pair[]; cause: Cause }[],
    known?: KnownReadModels,
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
    const needs = await this.known(
      added.map((p) => p.need),
      (id) => known?.need(id),
      (ids) => this.readModels.needs(em, ids),
      (n) => n.needId,
    );
    const candidates = await this.known(
      added.map((p) => p.candidate),
      (id) => known?.candidate(id),
      (ids) => this.readModels.candidates(em, ids),
      (c) => c.candidateId,
    );
    const byNeed = new Map<string, ChosenEdge[]>();
    const causeOfNeed = new Map<string, Cause>();
    for (const part of parts) {
      for (const pair of part.added) {
        const edge = edges.get(pairKey(pair.candidate, pair.need));
        if (!edge) throw new Error(`assignment chose ${pair.candidate} for ${pair.need} without a stored edge`);
        const need = needs.get(pair.need.toLowerCase());
        if (!need) throw new Error(`assignment chose candidates for need ${pair.need}, which has no terms here`);
        const candidate = candidates.get(pair.candidate.toLowerCase());
        if (!candidate) throw new Error(`assignment chose ${pair.candidate} for ${pair.need}, who has no profile here`);
        const explanation = await this.scorer.explainStored(em, matchableCandidate(candidate), matchableNeed(need), edge);
        if (explanation.score !== edge.score) {
          this.log.warn('a stored edge outlived a change of what scored it: proposed with its score now', {
            candidateId: pair.candidate,
            needId: pair.need,
            stored: edge.score,
            now: explanation.score,
          });
        }
        const list = byNeed.get(pair.need) ?? [];
        list.push({ candidateId: edge.candidateId, score: explanation.score, explanation, weightsVersion: edge.weightsVersion });
        byNeed.set(pair.need, list);
        causeOfNeed.set(pair.need, part.cause);
      }
    }
    const groups = [...byNeed].map(([needId, list]) => {
      const need = needs.get(needId.toLowerCase())!;
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

  /** By lower-case id: what `held` has of `ids`, and the rest read in one statement. */
  private async known<T>(
    ids: readonly string[],
    held: (id: string) => T | undefined,
    read: (ids: string[]) => Promise<T[]>,
    idOf: (t: T) => string,
  ): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const t = held(id);
      if (t) out.set(id.toLowerCase(), t);
      else missing.push(id);
    }
    if (missing.length > 0) for (const t of await read(missing)) out.set(idOf(t).toLowerCase(), t);
    return out;
  }
}
