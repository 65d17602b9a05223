import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExplanationV1, ProposalCreatedV1, ProposalWithdrawnV1, WithdrawalReason } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { checkHardFilters, formPairs, scoreCandidate, type Pair } from '@jobbspar/matching-core';
import { JsonLogger } from '@jobbspar/platform';
import { commute, municipalitiesWithin } from '@jobbspar/taxonomy';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { MatchingSettings } from '../../config/env';
import type { ReadModelChange } from '../../read-models/infrastructure/read-model.projector';
import { WeightsService } from '../../weights/application/weights.service';
import { candidateCapacity, needCapacity } from '../domain/capacity';
import { EdgeRow, MatchableCandidate, MatchableNeed, MatchingRepository, Reach } from '../infrastructure/matching.repository';
import { AssignmentModel } from './assignment-model';
import { TransactionLock } from './transaction-lock';

export const MATCHING_SETTINGS = Symbol('MATCHING_SETTINGS');

/** Who caused a piece of matching work, for the envelopes of the events it publishes. */
export interface Cause {
  actor: string;
  correlationId: string;
  causationId?: string;
}

/** What triggered a solve, so that a withdrawn proposal says why. */
interface Trigger {
  needClosed?: string;
  consentWithdrawn?: string;
  erased?: string;
}

const key = (candidate: string, need: string): string => `${candidate}|${need}`;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The longest commute a candidate may declare (the contract's maximum). */
const MAX_COMMUTE_MINUTES = 240;

/** Where a workplace can be reached from within the longest commute anyone may have; undefined if unknown. */
function reachOf(workplace: string): Reach | undefined {
  try {
    const codes = municipalitiesWithin(workplace, MAX_COMMUTE_MINUTES);
    return { codes, minutes: codes.map((code) => commute(code, workplace).minutes) };
  } catch {
    return undefined;
  }
}

/** The workplaces within her commute; undefined (no pruning) if her home is unknown to the taxonomy. */
function workplacesWithin(home: string, maxMinutes: number): string[] | undefined {
  try {
    return municipalitiesWithin(home, maxMinutes);
  } catch {
    return undefined;
  }
}

function commuteMinutes(from: string, to: string): number {
  try {
    return commute(from, to).minutes;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Incremental matching. Every change runs inside the transaction that made it (the inbox transaction for events,
 * the command's for reviews), holding the TransactionLock until that transaction ends: edges are re-scored only
 * for what the change touches (found through the task inverted indexes), the assignment is re-solved exactly, and
 * its difference becomes ProposalCreated / ProposalWithdrawn in the same transaction.
 */
@Injectable()
export class MatchingEngine {
  private readonly repo = new MatchingRepository();
  private readonly lock: TransactionLock;
  private model = new AssignmentModel();
  /** The in-memory model must be rebuilt from committed state before it is used (start-up, after a rollback). */
  private stale = true;
  private readonly log = new JsonLogger('matching-engine');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly weights: WeightsService,
    @Inject(MATCHING_SETTINGS) private readonly settings: MatchingSettings,
  ) {
    this.lock = new TransactionLock(dataSource);
  }

  /** Holds the matching lock for `em`'s transaction and makes sure the model reflects committed state. */
  async enter(em: EntityManager, cause: Cause): Promise<void> {
    await this.lock.hold(em, () => {
      this.stale = true;
    });
    if (this.stale) await this.rebuild(em, cause);
  }

  async onReadModelChange(em: EntityManager, change: ReadModelChange, cause: Cause): Promise<void> {
    if (change.kind === 'none') return;
    await this.enter(em, cause);
    if (change.kind === 'need') await this.needChanged(em, change.needId, cause);
    else if (change.kind === 'candidate') await this.candidateChanged(em, change.candidateId, change.consentWithdrawn, cause);
    else await this.candidateErased(em, change.candidateId, cause);
  }

  /**
   * A reviewed pair leaves the assignment: a rejection for good, an acceptance because it now holds a slot of
   * both sides outside it. Capacities are recomputed and the freed or reduced room re-solved.
   */
  async pairReviewed(em: EntityManager, candidateId: string, needId: string, cause: Cause): Promise<void> {
    await this.enter(em, cause);
    await this.repo.deleteEdge(em, candidateId, needId);
    this.model.removeEdge(candidateId, needId);
    await this.refreshCapacities(em, [needId], [candidateId]);
    await this.solveAndApply(em, {}, cause);
  }

  /**
   * A placement started or ended: it holds one of her slots while under way, so her capacity changes and the freed
   * or reduced room is re-solved.
   */
  async commitmentsChanged(em: EntityManager, candidateId: string, cause: Cause): Promise<void> {
    await this.enter(em, cause);
    if (!this.model.knowsCandidate(candidateId)) return;
    await this.refreshCapacities(em, [], [candidateId]);
    await this.solveAndApply(em, {}, cause);
  }

  private async needChanged(em: EntityManager, needId: string, cause: Cause): Promise<void> {
    const need = await this.repo.need(em, needId);
    if (!need || need.status !== 'open' || need.positionsLeft <= 0) {
      await this.repo.replaceNeedEdges(em, needId, []);
      this.model.removeNeed(needId);
      await this.withdrawAccepted(em, { needId }, 'need-closed', cause);
      await this.solveAndApply(em, { needClosed: needId }, cause);
      return;
    }
    const candidateIds = await this.repo.candidatesHoldingAny(
      em,
      need.snapshot.tasks.map((t) => t.taskId),
      reachOf(need.snapshot.workplaceMunicipality),
    );
    const candidates = await this.repo.candidates(em, candidateIds);
    const settled = await this.repo.settledPairs(em, { needId });
    const edges: EdgeRow[] = [];
    for (const c of candidates) {
      const edge = await this.score(em, c, need, settled.has(key(c.candidateId, needId)));
      if (edge) edges.push(edge);
    }
    await this.repo.replaceNeedEdges(em, needId, edges);
    // The assigner wants both ends of an edge to exist, with their capacities, before the edge.
    await this.refreshCapacities(
      em,
      [needId],
      edges.map((e) => e.candidateId).filter((id) => !this.model.knowsCandidate(id)),
    );
    this.model.setNeedEdges(needId, new Map(edges.map((e) => [e.candidateId, e.score])));
    await this.solveAndApply(em, {}, cause);
  }

  private async candidateChanged(em: EntityManager, candidateId: string, consentWithdrawn: boolean, cause: Cause): Promise<void> {
    const [candidate] = await this.repo.candidates(em, [candidateId]);
    if (!candidate || !candidate.forMatching.consentActive) {
      await this.repo.replaceCandidateEdges(em, candidateId, []);
      this.model.removeCandidate(candidateId);
      if (consentWithdrawn) await this.withdrawAccepted(em, { candidateId }, 'consent-withdrawn', cause);
      await this.solveAndApply(em, consentWithdrawn ? { consentWithdrawn: candidateId } : {}, cause);
      return;
    }
    const needIds = await this.repo.openNeedsAskingAny(
      em,
      Object.keys(candidate.forMatching.validations),
      workplacesWithin(candidate.forMatching.homeMunicipality, candidate.forMatching.maxCommuteMinutes),
    );
    const needs = await this.repo.needs(em, needIds);
    const settled = await this.repo.settledPairs(em, { candidateId });
    const edges: EdgeRow[] = [];
    for (const n of needs) {
      const edge = await this.score(em, candidate, n, settled.has(key(candidateId, n.needId)));
      if (edge) edges.push(edge);
    }
    await this.repo.replaceCandidateEdges(em, candidateId, edges);
    await this.refreshCapacities(
      em,
      edges.map((e) => e.needId).filter((id) => !this.model.knowsNeed(id)),
      [candidateId],
    );
    this.model.setCandidateEdges(candidateId, new Map(edges.map((e) => [e.needId, e.score])));
    await this.solveAndApply(em, {}, cause);
  }

  private async candidateErased(em: EntityManager, candidateId: string, cause: Cause): Promise<void> {
    await this.repo.replaceCandidateEdges(em, candidateId, []);
    this.model.removeCandidate(candidateId);
    await this.withdrawAccepted(em, { candidateId }, 'candidate-erased', cause);
    await this.solveAndApply(em, { erased: candidateId }, cause);
    // Statistics on proposals and placements survive erasure under one random id that links to nobody; the
    // reviewer's free text about her goes.
    const anonymous = randomUUID();
    await em.query(`UPDATE matching.proposals SET candidate_id = $2, comment = NULL WHERE candidate_id = $1`, [candidateId, anonymous]);
    await em.query(`UPDATE matching.placements SET candidate_id = $2 WHERE candidate_id = $1`, [candidateId, anonymous]);
    // What this service already published about her (scores, explanations) goes from its outbox too; the
    // withdrawals appended above are still to be published and stay until then.
    await em.query(`DELETE FROM matching.outbox WHERE published_at IS NOT NULL AND envelope->'payload'->>'candidateId' = $1`, [
      candidateId,
    ]);
  }

  /**
   * Scores a pair that passes the hard filters. A settled pair (rejected, accepted, placed) is no edge: rejected
   * ones are filtered as `rejected`, accepted and placed ones already hold their slot.
   */
  private async score(em: EntityManager, c: MatchableCandidate, n: MatchableNeed, settled: boolean): Promise<EdgeRow | undefined> {
    if (settled) return undefined;
    const day = today();
    const filters = checkHardFilters(c.forMatching, n.forMatching, { today: day, commuteMinutes, rejected: false });
    if (!filters.passed) return undefined;
    const weights = await this.weights.current(n.tenant, em);
    const explanation = scoreCandidate(c.forMatching, n.forMatching, weights, { today: day });
    if (!(explanation.score > 0)) return undefined;
    return { candidateId: c.candidateId, needId: n.needId, score: explanation.score, explanation, weightsVersion: weights.version };
  }

  private async refreshCapacities(em: EntityManager, needIds: readonly string[], candidateIds: readonly string[]): Promise<void> {
    if (needIds.length > 0) {
      const needs = new Map((await this.repo.needs(em, needIds)).map((n) => [n.needId, n]));
      const accepted = await this.repo.acceptedPerNeed(em, needIds);
      for (const id of needIds) this.model.setNeed(id, needCapacity(needs.get(id), accepted.get(id) ?? 0, this.settings));
    }
    if (candidateIds.length > 0) {
      const candidates = new Map((await this.repo.candidates(em, candidateIds)).map((c) => [c.candidateId, c]));
      const accepted = await this.repo.acceptedPerCandidate(em, candidateIds);
      for (const id of candidateIds) {
        const c = candidates.get(id);
        this.model.setCandidate(
          id,
          candidateCapacity(c && { eligible: c.forMatching.consentActive }, accepted.get(id) ?? 0, this.settings),
        );
      }
    }
  }

  private async solveAndApply(em: EntityManager, trigger: Trigger, cause: Cause): Promise<void> {
    const diff = this.model.solve();
    await this.applyDiff(em, diff.removed, diff.added, trigger, cause);
  }

  private reasonFor(pair: Pair, trigger: Trigger): WithdrawalReason {
    if (trigger.needClosed === pair.need) return 'need-closed';
    if (trigger.consentWithdrawn === pair.candidate) return 'consent-withdrawn';
    if (trigger.erased === pair.candidate) return 'candidate-erased';
    return this.model.hasEdge(pair.candidate, pair.need) ? 'reoptimised' : 'no-longer-eligible';
  }

  private async applyDiff(
    em: EntityManager,
    removed: readonly Pair[],
    added: readonly Pair[],
    trigger: Trigger,
    cause: Cause,
  ): Promise<void> {
    for (const pair of removed) {
      const [rows]: [{ proposal_id: string; tenant: string; version: number }[], number] = await em.query(
        `UPDATE matching.proposals SET status = 'withdrawn', withdrawal_reason = $3, version = version + 1
         WHERE candidate_id = $1 AND need_id = $2 AND status = 'proposed' RETURNING proposal_id, tenant, version`,
        [pair.candidate, pair.need, this.reasonFor(pair, trigger)],
      );
      for (const r of rows) {
        await this.outbox.append(
          em,
          ProposalWithdrawnV1,
          { proposalId: r.proposal_id, needId: pair.need, candidateId: pair.candidate, reason: this.reasonFor(pair, trigger) },
          { tenant: r.tenant, aggregateId: r.proposal_id, aggregateVersion: r.version, ...cause },
        );
      }
    }
    if (added.length === 0) return;
    const edges = await this.repo.edges(em, added);
    const byNeed = new Map<string, EdgeRow[]>();
    for (const pair of added) {
      const edge = edges.get(key(pair.candidate, pair.need));
      if (!edge) throw new Error(`assignment chose ${pair.candidate} for ${pair.need} without a stored edge`);
      const list = byNeed.get(pair.need) ?? [];
      list.push(edge);
      byNeed.set(pair.need, list);
    }
    const needs = new Map((await this.repo.needs(em, [...byNeed.keys()])).map((n) => [n.needId, n]));
    for (const [needId, list] of byNeed) {
      const need = needs.get(needId)!;
      const pairIds = new Map<string, string>();
      if (need.snapshot.support.pairInternshipAllowed) {
        for (const group of formPairs(
          list.map((e) => ({ candidateId: e.candidateId, score: e.score })),
          true,
        )) {
          if (group.members.length !== 2) continue;
          const pairId = randomUUID();
          for (const m of group.members) pairIds.set(m, pairId);
        }
      }
      for (const edge of list) await this.createProposal(em, need, edge, pairIds.get(edge.candidateId), cause);
    }
  }

  private async createProposal(
    em: EntityManager,
    need: MatchableNeed,
    edge: EdgeRow,
    pairId: string | undefined,
    cause: Cause,
  ): Promise<void> {
    const proposalId = randomUUID();
    await em.query(
      `INSERT INTO matching.proposals (proposal_id, need_id, candidate_id, pair_id, status, score, explanation, weights_version, tenant,
         municipality, occupations)
       VALUES ($1, $2, $3, $4, 'proposed', $5, $6, $7, $8, $9, $10)`,
      [
        proposalId,
        need.needId,
        edge.candidateId,
        pairId ?? null,
        edge.score,
        JSON.stringify(edge.explanation),
        edge.weightsVersion,
        need.tenant,
        need.snapshot.workplaceMunicipality,
        need.snapshot.occupations,
      ],
    );
    await this.outbox.append(
      em,
      ProposalCreatedV1,
      {
        proposalId,
        needId: need.needId,
        candidateId: edge.candidateId,
        ...(pairId ? { pairId } : {}),
        score: edge.score,
        weightsVersion: edge.weightsVersion,
        explanation: edge.explanation as ExplanationV1,
      },
      { tenant: need.tenant, aggregateId: proposalId, aggregateVersion: 1, ...cause },
    );
  }

  /** Accepted proposals are outside the assignment; a closed need, withdrawn consent or erasure withdraws them too. */
  private async withdrawAccepted(
    em: EntityManager,
    by: { needId?: string; candidateId?: string },
    reason: WithdrawalReason,
    cause: Cause,
  ): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [{ proposal_id: string; need_id: string; candidate_id: string; tenant: string; version: number }[], number] =
      await em.query(
        `UPDATE matching.proposals SET status = 'withdrawn', withdrawal_reason = $3, version = version + 1
       WHERE status = 'accepted' AND ($1::uuid IS NULL OR need_id = $1) AND ($2::uuid IS NULL OR candidate_id = $2)
       RETURNING proposal_id, need_id, candidate_id, tenant, version`,
        [by.needId ?? null, by.candidateId ?? null, reason],
      );
    for (const r of rows) {
      await this.outbox.append(
        em,
        ProposalWithdrawnV1,
        { proposalId: r.proposal_id, needId: r.need_id, candidateId: r.candidate_id, reason },
        { tenant: r.tenant, aggregateId: r.proposal_id, aggregateVersion: r.version, ...cause },
      );
    }
    // Their slots are free again on the other side.
    if (rows.length > 0) {
      await this.refreshCapacities(
        em,
        [...new Set(rows.map((r) => r.need_id))].filter((id) => this.model.knowsNeed(id)),
        [...new Set(rows.map((r) => r.candidate_id))].filter((id) => this.model.knowsCandidate(id)),
      );
    }
  }

  /**
   * Rebuilds the in-memory assignment from `match_edges` and the proposals' capacities, then reconciles: if the
   * optimum differs from the open proposals held (only after a crash between solve and commit, or a change in
   * tie-breaking), the difference is applied like any other solve.
   */
  private async rebuild(em: EntityManager, cause: Cause): Promise<void> {
    const started = Date.now();
    const model = new AssignmentModel();
    const edges = await this.repo.allEdges(em);
    const byCandidate = new Map<string, Map<string, number>>();
    for (const e of edges) {
      let m = byCandidate.get(e.candidateId);
      if (!m) byCandidate.set(e.candidateId, (m = new Map()));
      m.set(e.needId, e.score);
    }
    this.model = model;
    await this.refreshCapacities(em, [...new Set(edges.map((e) => e.needId))], [...byCandidate.keys()]);
    for (const [candidateId, needs] of byCandidate) model.setCandidateEdges(candidateId, needs);
    const initial = model.solve();
    const held = await this.repo.proposedPairs(em);
    const optimum = new Set(initial.added.map((p) => key(p.candidate, p.need)));
    const heldKeys = new Set(held.map((p) => key(p.candidate, p.need)));
    this.stale = false;
    await this.applyDiff(
      em,
      held.filter((p) => !optimum.has(key(p.candidate, p.need))),
      initial.added.filter((p) => !heldKeys.has(key(p.candidate, p.need))),
      {},
      cause,
    );
    this.log.info('assignment rebuilt', { edges: edges.length, openProposals: optimum.size, ms: Date.now() - started });
  }
}
