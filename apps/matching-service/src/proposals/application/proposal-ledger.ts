import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PairRef, PairsOf, ProposalRepository } from '../domain/proposal.repository';

type Executor = Pick<EntityManager, 'query'>;

/**
 * What the rest of matching-service asks of the proposals: the pairs and slots they hold (for scoring and
 * capacities), and forgetting a candidate on erasure. Always in the caller's
 * transaction.
 */
@Injectable()
export class ProposalLedger {
  constructor(private readonly proposals: ProposalRepository) {}

  /** Keys `candidate|need` of pairs that must not become edges: rejected, declined, accepted or placed. */
  settledPairs(em: Executor, by: PairsOf): Promise<Set<string>> {
    return this.proposals.settledPairs(em, by);
  }

  /** Keys `candidate|need` of accepted pairs, which are re-scored though they are no edges. */
  acceptedPairs(em: Executor, by: PairsOf): Promise<Set<string>> {
    return this.proposals.acceptedPairs(em, by);
  }

  /**
   * settledPairs and acceptedPairs in one statement, with the open ones (proposed or accepted): the pairs whose
   * proposals take a new score when re-scored. A pair without an open proposal has nothing to re-score. `holding`:
   * the needs (ids in lower case) with an accepted or placed pair, the only ones holding slots outside the assignment.
   */
  async heldPairs(
    em: Executor,
    by: PairsOf,
  ): Promise<{ settled: Set<string>; accepted: Set<string>; open: Set<string>; holding: Set<string> }> {
    const held = { settled: new Set<string>(), accepted: new Set<string>(), open: new Set<string>(), holding: new Set<string>() };
    for (const { key, status } of await this.proposals.heldPairs(em, by)) {
      if (status === 'rejected' || status === 'declined' || status === 'accepted' || status === 'placed') held.settled.add(key);
      if (status === 'accepted') held.accepted.add(key);
      if (status === 'proposed' || status === 'accepted') held.open.add(key);
      if (status === 'accepted' || status === 'placed') held.holding.add(key.slice(key.indexOf('|') + 1).toLowerCase());
    }
    return held;
  }

  acceptedPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, number>> {
    return this.proposals.acceptedPerNeed(em, needIds);
  }

  acceptedCandidatesPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.proposals.acceptedCandidatesPerNeed(em, needIds);
  }

  acceptedPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    return this.proposals.acceptedPerCandidate(em, candidateIds);
  }

  proposedPairs(em: Executor): Promise<PairRef[]> {
    return this.proposals.proposedPairs(em);
  }

  /** Erasure: her proposals stay as statistics under `anonymousId`, without the reviewers' comments about her. */
  async forgetCandidate(em: Executor, candidateId: string, anonymousId: string): Promise<void> {
    const hers = await this.proposals.findByCandidate(em, candidateId);
    for (const p of hers) p.forgetCandidate(anonymousId);
    await this.proposals.save(em, hers);
  }
}
