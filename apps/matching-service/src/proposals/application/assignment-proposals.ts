import type { WithdrawalReason } from '@jobbspar/contracts';
import { formPairs, type Explanation } from '@jobbspar/matching-core';
import { Outbox, type OutboxEntry } from '@jobbspar/messaging';
import { Clock } from '@jobbspar/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Cause, pairKey } from '../../common/cause';
import { Proposal } from '../domain/proposal';
import { PairRef, ProposalRepository } from '../domain/proposal.repository';
import { proposalEventsOf } from './proposal-events';

/** The need a group of new proposals is for, as the proposals record it. */
export interface ProposalTarget {
  needId: string;
  tenant: string;
  municipality: string;
  occupations: readonly string[];
  pairInternshipAllowed: boolean;
}

/** A pair's current score, as the scorer just computed it. */
export interface CurrentScore extends PairRef {
  score: number;
  explanation: Explanation;
  weightsVersion: string;
}

/** A scored pair the assignment chose. */
export interface ChosenEdge {
  candidateId: string;
  score: number;
  explanation: Explanation;
  weightsVersion: string;
}

export interface Withdrawal extends PairRef {
  reason: WithdrawalReason;
}

/** On whose behalf: one cause for every pair, or each pair's own (a batch matched once, each pair for its event). */
export type Causes = Cause | ((pair: PairRef) => Cause);

const causeFor = (causes: Causes, pair: PairRef): Cause => (typeof causes === 'function' ? causes(pair) : causes);

/**
 * What the assignment's changes do to proposals: new pairs become proposals (ProposalCreated), pairs it lets go of
 * are withdrawn (ProposalWithdrawn), each through the Proposal's own transitions and with its outbox row in the
 * caller's transaction.
 */
@Injectable()
export class AssignmentProposals {
  /** Per transaction inside `publishingOnce`: the events written so far, not yet in the outbox. */
  private readonly held = new WeakMap<EntityManager, OutboxEntry[]>();

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` (one solve's withdrawals, proposals and rescores) with the events of its proposals held back, then
   * writes them all in one outbox statement, in the order they were recorded (as separate statements would have).
   * Nested: the outermost writes them. Nothing that reads the outbox may run inside it (an erasure's marking).
   */
  async publishingOnce<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    if (this.held.has(em)) return work();
    const entries: OutboxEntry[] = [];
    this.held.set(em, entries);
    try {
      const result = await work();
      await this.outbox.appendMany(em, entries);
      return result;
    } finally {
      this.held.delete(em);
    }
  }

  private async publish(em: EntityManager, items: readonly { proposal: Proposal; cause: Cause }[]): Promise<void> {
    const entries = proposalEventsOf(items);
    const held = this.held.get(em);
    if (held) held.push(...entries);
    else await this.outbox.appendMany(em, entries);
  }

  /**
   * Proposes the chosen candidates for each need; where the workplace allows it, best with next best as pairs. A
   * group's own cause, if it has one, stands for `cause`. Every proposal and its event are written in one statement each.
   */
  async propose(
    em: EntityManager,
    groups: readonly { need: ProposalTarget; edges: readonly ChosenEdge[]; cause?: Cause }[],
    cause: Cause,
  ): Promise<void> {
    const now = this.clock.now();
    const created: { proposal: Proposal; cause: Cause }[] = [];
    const joined: Proposal[] = [];
    // Across solves: a new proposal may pair with an earlier one of its need that is still open and alone. Every
    // such need's singles in one statement (a need is in one group: its new pairs are proposed together).
    const singlesOf = await this.proposals.findOpenSingles(
      em,
      groups.filter((g) => g.need.pairInternshipAllowed).map((g) => g.need.needId),
    );
    for (const { need, edges, cause: own } of groups) {
      const pairIds = new Map<string, string>();
      if (need.pairInternshipAllowed) {
        const fresh = new Set(edges.map((e) => e.candidateId));
        const singles = (singlesOf.get(need.needId) ?? []).filter((p) => !fresh.has(p.candidateId));
        const single = new Map(singles.map((p) => [p.candidateId, p]));
        for (const group of formPairs(
          edges.map((e) => ({ candidateId: e.candidateId, score: e.score })),
          true,
          singles.map((p) => ({ candidateId: p.candidateId, score: p.toProps().score })),
        )) {
          if (group.members.length !== 2) continue;
          const pairId = randomUUID();
          for (const m of group.members) {
            const earlier = single.get(m);
            if (earlier) {
              earlier.joinPair(pairId);
              joined.push(earlier);
            } else pairIds.set(m, pairId);
          }
        }
      }
      for (const edge of edges) {
        created.push({
          cause: own ?? cause,
          proposal: Proposal.propose(
            {
              proposalId: randomUUID(),
              needId: need.needId,
              candidateId: edge.candidateId,
              pairId: pairIds.get(edge.candidateId) ?? null,
              score: edge.score,
              explanation: edge.explanation,
              weightsVersion: edge.weightsVersion,
              tenant: need.tenant,
              municipality: need.municipality,
              occupations: [...need.occupations],
            },
            now,
          ),
        });
      }
    }
    await this.proposals.save(em, joined);
    await this.proposals.insert(
      em,
      created.map((c) => c.proposal),
    );
    await this.publish(em, created);
  }

  /**
   * Open proposals always carry their pair's current score: each proposed or accepted proposal among `scores` whose
   * score or explanation differs takes the new one and publishes ProposalRescored. Pairs without an open proposal
   * are left alone (the assignment's diff proposes or withdraws those).
   */
  async rescore(em: EntityManager, scores: readonly CurrentScore[], cause: Causes): Promise<void> {
    if (scores.length === 0) return;
    const current = new Map(scores.map((s) => [pairKey(s.candidateId, s.needId), s]));
    const open = await this.proposals.findOpen(em, scores);
    const changed = open.filter((p) => {
      const s = current.get(pairKey(p.candidateId, p.needId))!;
      return p.rescore(s.score, s.explanation, s.weightsVersion);
    });
    await this.proposals.save(em, changed);
    await this.publish(
      em,
      changed.map((proposal) => ({ proposal, cause: causeFor(cause, proposal) })),
    );
  }

  /** Withdraws the proposed proposal of each pair (a pair without one is left as it is). */
  async withdrawProposed(em: EntityManager, withdrawals: readonly Withdrawal[], cause: Causes): Promise<void> {
    if (withdrawals.length === 0) return;
    const reasons = new Map(withdrawals.map((w) => [pairKey(w.candidateId, w.needId), w.reason]));
    const open = await this.proposals.findProposed(em, withdrawals);
    for (const p of open) p.withdraw(reasons.get(pairKey(p.candidateId, p.needId))!);
    await this.proposals.save(em, open);
    await this.publish(
      em,
      open.map((proposal) => ({ proposal, cause: causeFor(cause, proposal) })),
    );
  }

  /**
   * Accepted proposals are outside the assignment; a closed need, withdrawn consent or erasure withdraws them too.
   * Returns the pairs withdrawn, whose slots are free again.
   */
  async withdrawAccepted(
    em: EntityManager,
    by: { needId?: string; candidateId?: string },
    reason: WithdrawalReason,
    cause: Cause,
  ): Promise<PairRef[]> {
    const accepted = await this.proposals.findAccepted(em, by);
    for (const p of accepted) p.withdraw(reason);
    await this.proposals.save(em, accepted);
    await this.publish(
      em,
      accepted.map((proposal) => ({ proposal, cause })),
    );
    return accepted.map((p) => ({ candidateId: p.candidateId, needId: p.needId }));
  }
}
