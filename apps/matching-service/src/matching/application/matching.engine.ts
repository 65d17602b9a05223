import type { WithdrawalReason } from '@jobbspar/contracts';
import type { BatchScope } from '@jobbspar/messaging';
import type { Pair } from '@jobbspar/matching-core';
import { asServiceWithin, Clock, counter, histogram, JsonLogger, LATENCY_BUCKETS, ReadinessGate } from '@jobbspar/platform';
import { Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Cause, pairKey } from '../../common/cause';
import { SERVICE_NAME } from '../../config/env';
import { AssignmentProposals } from '../../proposals/application/assignment-proposals';
import { ProposalLedger } from '../../proposals/application/proposal-ledger';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import type { KnownCandidate, KnownNeed, ReadModelChange } from '../../read-models/domain/read-models';
import { matchableCandidate, matchableNeed, MatchEdge } from '../domain/match-edge';
import { MatchEdgeRepository } from '../domain/match-edge.repository';
import { SolverTurnRepository } from '../domain/solver-turn.repository';
import { AssignmentDiffApplier, type Removal } from './assignment-diff.applier';
import { AssignmentModel } from './assignment-model';
import { CandidateErasure } from './candidate-erasure';
import { Capacities } from './capacities';
import { byCandidateId, MatchingIndex } from './matching-index';
import { type NeedScorer, PairScorer } from './pair-scorer';
import { TransactionLock } from './transaction-lock';

const solveSeconds = histogram({
  name: 'matching_solve_seconds',
  help: 'One incremental solve of the assignment (kind=incremental), or its rebuild from match_edges (kind=rebuild)',
  labelNames: ['service', 'kind'] as const,
  buckets: LATENCY_BUCKETS,
});

/**
 * Where a batch's matching spends its time: lock (waiting for the engine's lock, the solver's turn, a rebuild), then
 * under the lock refresh (its candidates read), needs and candidates (re-scored, edges and capacities written),
 * solve, proposals (the solve's difference applied) and rescore. What runs under the lock is serialised across
 * partitions: its sum bounds a burst's throughput.
 */
const batchPhaseSeconds = counter({
  name: 'matching_batch_phase_seconds_total',
  help: "Seconds a batch's matching spent in each phase: lock, refresh, needs, candidates, solve, proposals, rescore",
  labelNames: ['phase'] as const,
});

/** Adds the time since `from` to `phase` and returns now. */
function phaseDone(phase: string, from: bigint): bigint {
  const now = process.hrtime.bigint();
  batchPhaseSeconds.inc({ phase }, Number(now - from) / 1e9);
  return now;
}

const DONE: Promise<void> = Promise.resolve();

/** What triggered a solve, so that a withdrawn proposal says why. */
interface Trigger {
  needsClosed: Set<string>;
  consentWithdrawn: Set<string>;
  erased: Set<string>;
}

const trigger = (t: Partial<Record<keyof Trigger, string>> = {}): Trigger => ({
  needsClosed: new Set(t.needsClosed ? [t.needsClosed] : []),
  consentWithdrawn: new Set(t.consentWithdrawn ? [t.consentWithdrawn] : []),
  erased: new Set(t.erased ? [t.erased] : []),
});

/** A need or candidate re-scored and handed to the model, not yet solved: why, and the scores its proposals take. */
interface Rescored {
  trigger: Trigger;
  scores: MatchEdge[];
}

/** The changes of one batch of events not yet matched, each with the cause of the latest event that touched it. */
interface Pending {
  needs: Map<string, Cause>;
  candidates: Map<string, Cause>;
  last: Cause;
}

/**
 * Incremental matching: the lock and the order of work. Every change runs inside the transaction that made it (the
 * inbox transaction for events, the command's for reviews and placements), holding the TransactionLock until that
 * transaction ends. Edges are re-scored only for what the change touches (found through the task indexes, by the
 * PairScorer), the assignment is re-solved exactly, and its difference becomes proposals (AssignmentDiffApplier)
 * in the same transaction.
 *
 * Row-level security: the engine's work is the service's, whoever's transaction it runs in. A coordinator's
 * acceptance or an employer's confirmation re-solves the whole assignment (withdrawing and proposing pairs of other
 * regions and organisations, reading every edge and capacity), which the caller's own policies would silently narrow
 * to her rows; each public entry point therefore runs as the service within the caller's transaction (asServiceWithin),
 * and hands the transaction back to her identity for what the command does next.
 */
@Injectable()
export class MatchingEngine {
  private readonly lock: TransactionLock;
  private model = new AssignmentModel();
  /** The candidates and open needs scoring looks up, in memory; loaded and made stale with the model. */
  private readonly index = new MatchingIndex();
  /** The in-memory model must be rebuilt from committed state before it is used (start-up, after a rollback). */
  private stale = true;
  private readonly log = new JsonLogger('matching-engine');
  /** Per batch transaction: what its events changed, matched once at the end of the batch. */
  private readonly pending = new WeakMap<EntityManager, Pending>();
  /** This engine among the replicas of matching-service, for the solver's turn. */
  private readonly instance = randomUUID();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly readModels: ReadModelReader,
    private readonly edges: MatchEdgeRepository,
    private readonly scorer: PairScorer,
    private readonly capacities: Capacities,
    private readonly diff: AssignmentDiffApplier,
    private readonly proposals: ProposalLedger,
    private readonly assignmentProposals: AssignmentProposals,
    private readonly erasure: CandidateErasure,
    private readonly clock: Clock,
    private readonly turns: SolverTurnRepository,
    @Optional() private readonly readiness?: ReadinessGate,
  ) {
    this.lock = new TransactionLock(dataSource);
  }

  /**
   * Holds the matching lock for `em`'s transaction and makes sure the model reflects committed state. The lock is
   * this process's; the solver's turn serialises replicas (another replica's turn since ours makes the model stale).
   */
  enter(em: EntityManager, cause: Cause): Promise<void> {
    return this.asEngine(em, () => this.enterAsService(em, cause));
  }

  private async enterAsService(em: EntityManager, cause: Cause): Promise<void> {
    const first = await this.lock.hold(em, () => {
      this.stale = true;
    });
    if (first && (await this.turns.take(em, this.instance))) this.stale = true;
    if (this.stale) await this.rebuild(em, cause);
  }

  /**
   * Inside a batch of events (`batch`), a changed need or candidate is only noted: at the end of the batch each one
   * is re-scored once, against the read models as the whole batch left them, and solved once. A withdrawn consent
   * and an erasure withdraw accepted proposals and forget data, so they are matched at once (after what the batch
   * noted before them), exactly as a single event would be.
   */
  onReadModelChange(em: EntityManager, change: ReadModelChange, cause: Cause, batch?: BatchScope): Promise<void> {
    // Nothing to do, or (most events of a batch) only noted: no identity switch, no promise chain per event.
    if (change.kind === 'none') return DONE;
    if (batch && !MatchingEngine.actsAtOnce(change)) {
      this.note(em, change, cause, batch);
      return DONE;
    }
    return this.asEngine(em, () => this.readModelChanged(em, change, cause));
  }

  /** A batch's change only noted, matched at the batch's end (see onReadModelChange). */
  private note(em: EntityManager, change: Exclude<ReadModelChange, { kind: 'none' }>, cause: Cause, batch: BatchScope): void {
    // Only noted: the lock is taken at the batch's end, so that until then (its projection, and the inbox and
    // projection of other partitions' batches) nothing waits for another batch's matching.
    let pending = this.pending.get(em);
    if (!pending) {
      pending = { needs: new Map(), candidates: new Map(), last: cause };
      this.pending.set(em, pending);
      const first = cause;
      batch.atEnd('matching-engine', () =>
        this.asEngine(em, async () => {
          const waiting = process.hrtime.bigint();
          await this.enter(em, first);
          phaseDone('lock', waiting);
          await this.matchPending(em);
        }),
      );
    }
    if (change.kind === 'need') pending.needs.set(change.needId, cause);
    else pending.candidates.set(change.candidateId, cause);
    pending.last = cause;
  }

  private async readModelChanged(em: EntityManager, change: ReadModelChange, cause: Cause): Promise<void> {
    if (change.kind === 'none') return;
    await this.enter(em, cause);
    await this.matchPending(em);
    if (change.kind === 'need') await this.solveAndRescore(em, await this.needChanged(em, change.needId, cause), cause);
    else if (change.kind === 'candidate')
      await this.solveAndRescore(em, await this.candidateChanged(em, change.candidateId, change.consentWithdrawn, cause), cause);
    else await this.candidateErased(em, change.candidateId, cause);
  }

  /** Whether a change is matched at once even inside a batch (it reads the read models as they are then). */
  static actsAtOnce(change: ReadModelChange): boolean {
    return change.kind === 'erased' || (change.kind === 'candidate' && change.consentWithdrawn);
  }

  /** matchPending's withdrawals, proposals and rescores publish in one outbox statement (nothing in it reads the outbox). */
  private matchPending(em: EntityManager): Promise<void> {
    return this.assignmentProposals.publishingOnce(em, () => this.matchPendingNow(em));
  }

  /** Re-scores what a batch noted, each need and candidate once, then one solve whose proposals name their cause. */
  private async matchPendingNow(em: EntityManager): Promise<void> {
    const pending = this.pending.get(em);
    if (!pending) return;
    this.pending.delete(em);
    const triggers = trigger();
    const rescores: [Cause, MatchEdge[]][] = [];
    const merge = (r: Rescored, cause: Cause): void => {
      for (const id of r.trigger.needsClosed) triggers.needsClosed.add(id);
      for (const id of r.trigger.consentWithdrawn) triggers.consentWithdrawn.add(id);
      rescores.push([cause, r.scores]);
    };
    let mark = process.hrtime.bigint();
    // The batch's candidates as it left them, in the index before its needs are scored against it.
    const found = await this.refreshCandidates(em, [...pending.candidates.keys()]);
    mark = phaseDone('refresh', mark);
    const needs = await this.needsChanged(em, pending.needs);
    for (const [needId, cause] of pending.needs) merge(needs.get(needId)!, cause);
    mark = phaseDone('needs', mark);
    const candidates = await this.candidatesChanged(em, [...pending.candidates.keys()], found);
    for (const [candidateId, cause] of pending.candidates) merge(candidates.get(candidateId)!, cause);
    mark = phaseDone('candidates', mark);
    const end = solveSeconds.startTimer({ service: 'matching-service', kind: 'incremental' });
    const diff = this.model.solve();
    end();
    mark = phaseDone('solve', mark);
    // Each pair is proposed or withdrawn on behalf of the event that touched its need (else its candidate), so a
    // proposal still names the event that caused it; a need's pairs stay together (pair internships form per need).
    const causeOf = (pair: Pair, firstCandidateOfNeed?: string): Cause =>
      pending.needs.get(pair.need) ?? pending.candidates.get(firstCandidateOfNeed ?? pair.candidate) ?? pending.last;
    const firstCandidate = new Map<string, string>();
    for (const pair of diff.added) if (!firstCandidate.has(pair.need)) firstCandidate.set(pair.need, pair.candidate);
    const groups = new Map<Cause, { removed: Removal[]; added: Pair[] }>();
    const group = (cause: Cause): { removed: Removal[]; added: Pair[] } => {
      let g = groups.get(cause);
      if (!g) groups.set(cause, (g = { removed: [], added: [] }));
      return g;
    };
    for (const pair of diff.removed) group(causeOf(pair)).removed.push({ pair, reason: this.reasonFor(pair, triggers) });
    for (const pair of diff.added) group(causeOf(pair, firstCandidate.get(pair.need))).added.push(pair);
    await this.diff.applyEach(
      em,
      [...groups].map(([cause, g]) => ({ cause, ...g })),
      this.index,
    );
    mark = phaseDone('proposals', mark);
    // The pairs the assignment kept carry the scores just computed, after the solve as for a single event.
    // A pair re-scored twice (its need and its candidate both changed) is one score, on behalf of the first.
    const rescored = new Map<string, { cause: Cause; score: MatchEdge }>();
    for (const [cause, scores] of rescores) {
      for (const score of scores) {
        const key = pairKey(score.candidateId, score.needId);
        if (!rescored.has(key)) rescored.set(key, { cause, score });
      }
    }
    await this.assignmentProposals.rescore(
      em,
      [...rescored.values()].map((r) => r.score),
      (p) => rescored.get(pairKey(p.candidateId, p.needId))!.cause,
    );
    phaseDone('rescore', mark);
  }

  /**
   * A reviewed pair leaves the assignment: a rejection for good, an acceptance because it now holds a slot of
   * both sides outside it. Capacities are recomputed and the freed or reduced room re-solved.
   */
  pairReviewed(em: EntityManager, candidateId: string, needId: string, cause: Cause): Promise<void> {
    return this.asEngine(em, () => this.pairLeft(em, candidateId, needId, cause));
  }

  private async pairLeft(em: EntityManager, candidateId: string, needId: string, cause: Cause): Promise<void> {
    await this.enter(em, cause);
    await this.edges.deleteEdge(em, candidateId, needId);
    this.model.removeEdge(candidateId, needId);
    await this.capacities.refresh(em, this.model, [needId], [candidateId]);
    await this.solveAndApply(em, trigger(), cause);
  }

  /**
   * A placement started or ended: it holds one of her slots while under way, and (if she needs close supervision)
   * room of its need's supervisors, so those capacities change and the freed or reduced room is re-solved.
   */
  commitmentsChanged(em: EntityManager, candidateId: string, cause: Cause, needId?: string): Promise<void> {
    return this.asEngine(em, () => this.commitmentsMoved(em, candidateId, cause, needId));
  }

  private async commitmentsMoved(em: EntityManager, candidateId: string, cause: Cause, needId?: string): Promise<void> {
    await this.enter(em, cause);
    const needs = needId !== undefined && this.model.knowsNeed(needId) ? [needId] : [];
    const candidates = this.model.knowsCandidate(candidateId) ? [candidateId] : [];
    if (needs.length === 0 && candidates.length === 0) return;
    await this.capacities.refresh(em, this.model, needs, candidates);
    await this.solveAndApply(em, trigger(), cause);
  }

  /**
   * A region's scoring weights changed, in `em`'s transaction (the caller holds the lock and the scorer sees the new
   * version): every open need of the region is re-scored and the whole is solved once, as a batch of events would
   * be, so open proposals take their new scores (ProposalRescored), and pairs the new order no longer keeps are
   * withdrawn or replaced.
   */
  onWeightsChanged(em: EntityManager, region: string, cause: Cause): Promise<void> {
    return this.asEngine(em, () => this.weightsChanged(em, region, cause));
  }

  private async weightsChanged(em: EntityManager, region: string, cause: Cause): Promise<void> {
    await this.enter(em, cause);
    await this.matchPending(em);
    const needIds = await this.readModels.openNeedIdsOfRegion(em, region);
    if (needIds.length === 0) return;
    this.pending.set(em, { needs: new Map(needIds.map((id) => [id, cause])), candidates: new Map(), last: cause });
    await this.matchPending(em);
  }

  /** The engine's work runs as the service, in whoever's transaction it is (see the class's comment). */
  private asEngine<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    return asServiceWithin(em, SERVICE_NAME, work);
  }

  /** Re-scores a need's edges and hands them to the model; the caller solves, then rescores its proposals. */
  private async needChanged(em: EntityManager, needId: string, cause: Cause): Promise<Rescored> {
    return (await this.needsChanged(em, new Map([[needId, cause]]))).get(needId)!;
  }

  /**
   * needChanged for the needs a batch touched (each with its cause), all at once: a closed one as before (its edges
   * gone, its accepted proposals withdrawn), the open ones scored in memory against the index, then each step one
   * statement for all of them (their held pairs, their edges, their capacities), so that a batch of needs costs a
   * few round trips rather than about ten per need. A need that holds no accepted or placed pair has no held slots
   * to read.
   */
  private async needsChanged(em: EntityManager, needs: ReadonlyMap<string, Cause>): Promise<Map<string, Rescored>> {
    const out = new Map<string, Rescored>();
    if (needs.size === 0) return out;
    const found = new Map((await this.readModels.needs(em, [...needs.keys()])).map((n) => [n.needId.toLowerCase(), n]));
    const open: [string, KnownNeed][] = [];
    for (const [needId, cause] of needs) {
      const n = found.get(needId.toLowerCase());
      this.index.setNeed(needId, n);
      if (n && n.status === 'open' && n.positionsLeft > 0) {
        open.push([needId, n]);
        continue;
      }
      await this.edges.replaceNeedEdges(em, needId, []);
      this.model.removeNeed(needId);
      await this.withdrawAccepted(em, { needId }, 'need-closed', cause);
      out.set(needId, { trigger: trigger({ needsClosed: needId }), scores: [] });
    }
    if (open.length === 0) return out;
    const openIds = open.map(([id]) => id);
    const { settled, accepted, open: held, holding } = await this.proposals.heldPairs(em, { needIds: openIds });
    const today = this.clock.today();
    const edgesOf = new Map<string, MatchEdge[]>();
    /** Candidates of the new edges the model does not know yet, as the index holds them (their capacities are set). */
    const fresh = new Map<string, KnownCandidate>();
    for (const [needId, n] of open) {
      // Unordered: what is kept is put in the index's order below, a few thousand edges rather than every holder.
      const loaded = this.index.candidatesHoldingAny(
        n.terms.tasks.map((t) => t.taskId),
        this.scorer.reachOf(n.workplaceMunicipality),
        { ordered: false },
      );
      const scorer = await this.scorer.scorerFor(em, matchableNeed(n), today);
      const edges: MatchEdge[] = [];
      const acceptedScores: MatchEdge[] = [];
      for (const c of loaded) {
        const key = pairKey(c.candidateId, needId);
        // A settled pair (rejected, accepted, placed) is no edge: rejected ones never come back, the others hold their
        // slot. An accepted one is still scored, so that it shows its current score beside the accepted one.
        if (settled.has(key) && !accepted.has(key)) continue;
        const edge = scorer.score(matchableCandidate(c));
        if (!edge) continue;
        if (accepted.has(key)) acceptedScores.push(edge);
        else {
          edges.push(edge);
          // The assigner wants both ends of an edge to exist, with their capacities, before the edge.
          if (!this.model.knowsCandidate(c.candidateId)) fresh.set(c.candidateId, c);
        }
      }
      edges.sort(byCandidateId);
      acceptedScores.sort(byCandidateId);
      edgesOf.set(needId, edges);
      // Only pairs with an open proposal take a new score (a new need has none; those this solve proposes carry it).
      out.set(needId, {
        trigger: trigger(),
        scores: [...edges, ...acceptedScores].filter((e) => held.has(pairKey(e.candidateId, needId))),
      });
    }
    await this.edges.replaceEdgesOfNeeds(em, openIds, [...edgesOf.values()].flat());
    await this.capacities.refresh(em, this.model, openIds, [...fresh.keys()], {
      needs: open.map(([, n]) => n),
      candidates: [...fresh.values()],
      freeNeeds: new Set(openIds.filter((id) => !holding.has(id.toLowerCase()))),
    });
    for (const [needId, edges] of edgesOf) this.model.setNeedEdges(needId, new Map(edges.map((e) => [e.candidateId, e.score])));
    return out;
  }

  /** Re-scores a candidate's edges and hands them to the model; the caller solves, then rescores her proposals. */
  private async candidateChanged(em: EntityManager, candidateId: string, consentWithdrawn: boolean, cause: Cause): Promise<Rescored> {
    const [found] = await this.readModels.candidates(em, [candidateId]);
    this.index.setCandidate(candidateId, found);
    if (!found || !found.matchingConsent) {
      await this.edges.replaceCandidateEdges(em, candidateId, []);
      this.model.removeCandidate(candidateId);
      if (consentWithdrawn) await this.withdrawAccepted(em, { candidateId }, 'consent-withdrawn', cause);
      return { trigger: trigger(consentWithdrawn ? { consentWithdrawn: candidateId } : {}), scores: [] };
    }
    const candidate = matchableCandidate(found);
    const loaded = this.index.openNeedsAskingAny(
      Object.keys(found.levels),
      this.scorer.workplacesWithin(found.profile.homeMunicipality, found.profile.maxCommuteMinutes),
    );
    const settled = await this.proposals.settledPairs(em, { candidateId });
    const accepted = await this.proposals.acceptedPairs(em, { candidateId });
    const today = this.clock.today();
    const edges: MatchEdge[] = [];
    const acceptedScores: MatchEdge[] = [];
    for (const n of loaded) {
      const key = pairKey(candidateId, n.needId);
      if (settled.has(key) && !accepted.has(key)) continue;
      const edge = await this.scorer.score(em, candidate, matchableNeed(n), today);
      if (edge) (accepted.has(key) ? acceptedScores : edges).push(edge);
    }
    await this.edges.replaceCandidateEdges(em, candidateId, edges);
    await this.capacities.refresh(
      em,
      this.model,
      edges.map((e) => e.needId).filter((id) => !this.model.knowsNeed(id)),
      [candidateId],
      { needs: loaded, candidates: [found] },
    );
    this.model.setCandidateEdges(candidateId, new Map(edges.map((e) => [e.needId, e.score])));
    return { trigger: trigger(), scores: [...edges, ...acceptedScores] };
  }

  /** The candidates' read models, read in one statement and put in the index as they are now. */
  private async refreshCandidates(em: EntityManager, candidateIds: readonly string[]): Promise<Map<string, KnownCandidate>> {
    if (candidateIds.length === 0) return new Map();
    const found = new Map((await this.readModels.candidates(em, candidateIds)).map((c) => [c.candidateId.toLowerCase(), c]));
    for (const id of candidateIds) this.index.setCandidate(id, found.get(id.toLowerCase()));
    return found;
  }

  /**
   * candidateChanged for the candidates a batch touched, all at once, as refreshCandidates read them: the needs each
   * can reach from the index in memory, then each step one statement for all of them (held pairs, edges,
   * capacities), and the pairs scored in memory, so a batch costs a few round trips rather than a few per candidate.
   * Only what can have or get an edge costs a statement: a candidate the model does not know has no stored edge
   * (every stored edge was set on the model after its candidate, and the model is rebuilt from match_edges when
   * stale), and one who reaches no open need gets none, so neither is read, written nor given a capacity (a need
   * that reaches her later sets it, as for any candidate it meets first). Consent withdrawals are not among them
   * (they are matched at once).
   */
  private async candidatesChanged(
    em: EntityManager,
    candidateIds: readonly string[],
    found: ReadonlyMap<string, KnownCandidate>,
  ): Promise<Map<string, Rescored>> {
    const out = new Map<string, Rescored>();
    if (candidateIds.length === 0) return out;
    const of = (id: string): KnownCandidate | undefined => found.get(id.toLowerCase());
    // Known before this change: the only ones that may have stored edges to replace.
    const known = new Set(candidateIds.filter((id) => this.model.knowsCandidate(id)));
    const live = candidateIds.filter((id) => of(id)?.matchingConsent === true);
    const isLive = new Set(live);
    for (const id of candidateIds) {
      if (isLive.has(id)) continue;
      this.model.removeCandidate(id);
      out.set(id, { trigger: trigger(), scores: [] });
    }
    const reachable = new Map<string, KnownNeed[]>();
    const needs = new Map<string, ReturnType<typeof matchableNeed>>();
    for (const id of live) {
      const c = of(id)!;
      const asked = this.index.openNeedsAskingAny(
        Object.keys(c.levels),
        this.scorer.workplacesWithin(c.profile.homeMunicipality, c.profile.maxCommuteMinutes),
      );
      if (asked.length > 0) reachable.set(id, asked);
      for (const n of asked) if (!needs.has(n.needId)) needs.set(n.needId, matchableNeed(n));
    }
    const held =
      reachable.size > 0
        ? await this.proposals.heldPairs(em, { candidateIds: [...reachable.keys()] })
        : { settled: new Set<string>(), accepted: new Set<string>() };
    const today = this.clock.today();
    // Each need's weights read once for the batch (under the lock nothing changes them), then every pair scored
    // without an await: a burst's batch scores thousands of pairs, all inside the engine's lock.
    const scorers = new Map<string, NeedScorer>();
    for (const [needId, need] of needs) scorers.set(needId, await this.scorer.scorerFor(em, need, today));
    const edgesOf = new Map<string, MatchEdge[]>();
    for (const id of live) {
      const candidate = matchableCandidate(of(id)!);
      const edges: MatchEdge[] = [];
      const acceptedScores: MatchEdge[] = [];
      for (const { needId } of reachable.get(id) ?? []) {
        const key = pairKey(id, needId);
        if (held.settled.has(key) && !held.accepted.has(key)) continue;
        const edge = scorers.get(needId)!.score(candidate);
        if (edge) (held.accepted.has(key) ? acceptedScores : edges).push(edge);
      }
      if (edges.length > 0 || known.has(id)) edgesOf.set(id, edges);
      out.set(id, { trigger: trigger(), scores: [...edges, ...acceptedScores] });
    }
    // Her stored edges are replaced if she may have some or gets some (and dropped if she is no longer live).
    const replaced = candidateIds.filter((id) => known.has(id) || edgesOf.has(id));
    if (replaced.length > 0) await this.edges.replaceEdgesOfCandidates(em, replaced, [...edgesOf.values()].flat());
    const newNeeds = new Set<string>();
    for (const edges of edgesOf.values()) for (const e of edges) if (!this.model.knowsNeed(e.needId)) newNeeds.add(e.needId);
    const placed = [...edgesOf.keys()];
    await this.capacities.refresh(em, this.model, [...newNeeds], placed, {
      needs: [...needs.values()].map((n) => n.need),
      candidates: placed.map((id) => of(id)!),
    });
    for (const [id, edges] of edgesOf) this.model.setCandidateEdges(id, new Map(edges.map((e) => [e.needId, e.score])));
    return out;
  }

  private async candidateErased(em: EntityManager, candidateId: string, cause: Cause): Promise<void> {
    this.index.setCandidate(candidateId, undefined);
    await this.edges.replaceCandidateEdges(em, candidateId, []);
    this.model.removeCandidate(candidateId);
    await this.withdrawAccepted(em, { candidateId }, 'candidate-erased', cause);
    await this.solveAndApply(em, trigger({ erased: candidateId }), cause);
    await this.erasure.forget(em, candidateId);
  }

  /** One event's change: solve, then the pairs the assignment kept carry the scores just computed. */
  private async solveAndRescore(em: EntityManager, rescored: Rescored, cause: Cause): Promise<void> {
    await this.assignmentProposals.publishingOnce(em, async () => {
      await this.solveAndApply(em, rescored.trigger, cause);
      // (She certified more tasks, the need changed.)
      await this.assignmentProposals.rescore(em, rescored.scores, cause);
    });
  }

  /** Solves and applies the difference; its withdrawals and proposals publish in one outbox statement. */
  private async solveAndApply(em: EntityManager, why: Trigger, cause: Cause): Promise<void> {
    const end = solveSeconds.startTimer({ service: 'matching-service', kind: 'incremental' });
    const diff = this.model.solve();
    end();
    await this.assignmentProposals.publishingOnce(em, () =>
      this.diff.apply(
        em,
        diff.removed.map((pair) => ({ pair, reason: this.reasonFor(pair, why) })),
        diff.added,
        cause,
        this.index,
      ),
    );
  }

  private reasonFor(pair: Pair, why: Trigger): WithdrawalReason {
    if (why.needsClosed.has(pair.need)) return 'need-closed';
    if (why.consentWithdrawn.has(pair.candidate)) return 'consent-withdrawn';
    if (why.erased.has(pair.candidate)) return 'candidate-erased';
    return this.model.hasEdge(pair.candidate, pair.need) ? 'reoptimised' : 'no-longer-eligible';
  }

  /** Accepted proposals are outside the assignment; withdrawing them frees their slots on the other side. */
  private async withdrawAccepted(
    em: EntityManager,
    by: { needId?: string; candidateId?: string },
    reason: WithdrawalReason,
    cause: Cause,
  ): Promise<void> {
    const freed = await this.assignmentProposals.withdrawAccepted(em, by, reason, cause);
    if (freed.length === 0) return;
    await this.capacities.refresh(
      em,
      this.model,
      [...new Set(freed.map((p) => p.needId))].filter((id) => this.model.knowsNeed(id)),
      [...new Set(freed.map((p) => p.candidateId))].filter((id) => this.model.knowsCandidate(id)),
    );
  }

  /**
   * Rebuilds the in-memory assignment from `match_edges` and the proposals' capacities, then reconciles: if the
   * optimum differs from the open proposals held (only after a crash between solve and commit, or a change in
   * tie-breaking), the difference is applied like any other solve.
   */
  private async rebuild(em: EntityManager, cause: Cause): Promise<void> {
    // Not ready while the assignment is being rebuilt: proposals answered now could be about to change.
    this.readiness?.hold('assignment');
    try {
      await this.rebuildModel(em, cause);
    } finally {
      this.readiness?.release('assignment');
    }
  }

  private async rebuildModel(em: EntityManager, cause: Cause): Promise<void> {
    const started = Date.now();
    const end = solveSeconds.startTimer({ service: 'matching-service', kind: 'rebuild' });
    const model = new AssignmentModel();
    const held = await this.readModels.forIndex(em);
    this.index.reset(held.candidates, held.needs);
    const edges = await this.edges.all(em);
    const byCandidate = new Map<string, Map<string, number>>();
    for (const e of edges) {
      let m = byCandidate.get(e.candidateId);
      if (!m) byCandidate.set(e.candidateId, (m = new Map()));
      m.set(e.needId, e.score);
    }
    this.model = model;
    await this.capacities.refresh(em, model, [...new Set(edges.map((e) => e.needId))], [...byCandidate.keys()]);
    for (const [candidateId, needs] of byCandidate) model.setCandidateEdges(candidateId, needs);
    const initial = model.solve();
    end();
    const proposed = (await this.proposals.proposedPairs(em)).map((p): Pair => ({ candidate: p.candidateId, need: p.needId }));
    const optimum = new Set(initial.added.map((p) => pairKey(p.candidate, p.need)));
    const heldKeys = new Set(proposed.map((p) => pairKey(p.candidate, p.need)));
    this.stale = false;
    await this.diff.apply(
      em,
      proposed.filter((p) => !optimum.has(pairKey(p.candidate, p.need))).map((pair) => ({ pair, reason: this.reasonFor(pair, trigger()) })),
      initial.added.filter((p) => !heldKeys.has(pairKey(p.candidate, p.need))),
      cause,
      this.index,
    );
    this.log.info('assignment rebuilt', {
      edges: edges.length,
      openProposals: optimum.size,
      indexed: this.index.size,
      ms: Date.now() - started,
    });
  }
}
