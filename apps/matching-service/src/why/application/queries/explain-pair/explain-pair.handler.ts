import type { Explanation } from '@jobbspar/matching-core';
import { asServiceWithin, Clock } from '@jobbspar/platform';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { coversHome, speaksFor } from '../../../../common/viewer';
import { SERVICE_NAME } from '../../../../config/env';
import { AssignmentWhatIf, type Competition, type HeldPair } from '../../../../matching/application/assignment-what-if';
import { PairScorer } from '../../../../matching/application/pair-scorer';
import { matchableCandidate, matchableNeed } from '../../../../matching/domain/match-edge';
import { employerSees } from '../../../../proposals/application/employer-side';
import type { Proposal } from '../../../../proposals/domain/proposal';
import { ProposalRepository } from '../../../../proposals/domain/proposal.repository';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import type { KnownCandidate, KnownNeed } from '../../../../read-models/domain/read-models';
import {
  employerFilters,
  NO_CAPACITY_ANSWER,
  type CapacityAnswer,
  type DecidingCapacity,
  type PairAnswer,
  type PairVerdict,
} from '../../../domain/pair-answer';
import { CandidateNotFound, NeedNotFound } from '../../../domain/why.errors';
import { ExplainPairQuery, type PairAsker } from './explain-pair.query';

/** What the caller sees: everything (her coordinator, an admin of the need's region), or the employer's side. */
type Side = 'full' | 'employer';

/** A pair has at most a handful of proposals over time (one live at a time, the rest withdrawn or settled). */
const PAIR_HISTORY = 50;

/**
 * Why or why not: the pair through the engine's own parts, never a copy of their rules. The filters and the score
 * come from PairScorer (matching-core's filters and scoring with the region's current weights), the capacities
 * from Capacities and the what-if from AssignmentWhatIf (the same AssignmentModel over the stored edges). Read in one
 * REPEATABLE READ transaction, so the parts agree with each other even while the engine commits.
 */
@QueryHandler(ExplainPairQuery)
export class ExplainPairHandler implements IQueryHandler<ExplainPairQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModels: ReadModelReader,
    private readonly proposals: ProposalRepository,
    private readonly scorer: PairScorer,
    private readonly whatIf: AssignmentWhatIf,
    private readonly clock: Clock,
  ) {}

  execute({ candidateId, needId, asker }: ExplainPairQuery): Promise<PairAnswer> {
    return this.dataSource.transaction('REPEATABLE READ', (em) => this.answer(em, candidateId, needId, asker));
  }

  private async answer(em: EntityManager, candidateId: string, needId: string, asker: PairAsker): Promise<PairAnswer> {
    const need = await this.readModels.need(em, needId);
    const [candidate] = await this.readModels.candidates(em, [candidateId]);
    const side = await this.sideOf(em, asker, need, candidate, candidateId, needId);
    if (!need) throw new NeedNotFound(needId);
    if (!candidate) throw new CandidateNotFound(candidateId);
    // Decided above in code, as the caller. The answer is the engine's view (every proposal, edge and capacity of
    // the pair's part of the assignment, whoever's), so it is computed as the service, and cut to her side below.
    return asServiceWithin(em, SERVICE_NAME, () => this.explain(em, candidate, need, side));
  }

  private async explain(em: EntityManager, candidate: KnownCandidate, need: KnownNeed, side: Side): Promise<PairAnswer> {
    const { candidateId, needId } = { candidateId: candidate.candidateId, needId: need.needId };
    const history = (await this.proposals.list(em, { needId, candidateId, limit: PAIR_HISTORY, offset: 0 })).items;
    const live = history.find((p) => p.status === 'proposed' || p.status === 'accepted' || p.status === 'placed');
    const settled = history.find((p) => p.status === 'rejected' || p.status === 'declined');
    const { filters, explanation } = await this.scorer.explain(
      em,
      matchableCandidate(candidate),
      matchableNeed(need),
      this.clock.today(),
      settled !== undefined,
    );
    // The engine finds a need's candidates through its tasks (ReadModelReader.candidatesHoldingAny).
    const holdsNeedTask = need.terms.tasks.some((t) => Object.prototype.hasOwnProperty.call(candidate.levels, t.taskId));

    let verdict: PairVerdict;
    let capacity: CapacityAnswer = NO_CAPACITY_ANSWER;
    if (live) verdict = live.status as 'proposed' | 'accepted' | 'placed';
    else if (!filters.passed || !explanation) verdict = 'filtered-out';
    else if (!(explanation.score > 0)) verdict = 'no-score';
    else if (!holdsNeedTask) verdict = 'holds-no-task';
    else {
      const competition = await this.whatIf.competition(em, candidateId, needId);
      verdict = competition.scoreNeeded !== null && explanation.score >= competition.scoreNeeded ? 'pending' : 'out-competed';
      capacity = await this.capacityAnswer(em, competition, verdict, side);
    }

    const props = settled?.toProps();
    return {
      candidateId,
      needId,
      verdict,
      proposalId: live && (side === 'full' || employerSees(live)) ? live.id : null,
      settled: props ? { status: props.status as 'rejected' | 'declined', reason: props.reasonCode ?? props.declineReason } : null,
      filters: side === 'full' ? filters : employerFilters(filters),
      homeMunicipality: side === 'full' ? candidate.profile.homeMunicipality : null,
      holdsNeedTask,
      explanation: explanation && (side === 'full' ? explanation : forEmployer(explanation)),
      capacity,
    };
  }

  /**
   * Her coordinator (her home in the coordinator's area) and an admin of the need's region see all of it; the
   * employer's side (the need's employer's staff or HR) sees it without her home and other needs. Anyone else gets
   * 404 for what she may not see: the candidate for a coordinator, else the need.
   */
  private async sideOf(
    em: EntityManager,
    { viewer, adminRegion }: PairAsker,
    need: KnownNeed | undefined,
    candidate: KnownCandidate | undefined,
    candidateId: string,
    needId: string,
  ): Promise<Side> {
    if (viewer.unrestricted) return 'full';
    if (viewer.coordinatorArea !== null && candidate && coversHome(viewer, candidate.profile.homeMunicipality)) return 'full';
    if (adminRegion !== null && need && need.tenant === adminRegion) return 'full';
    if (need && speaksFor(viewer, await this.readModels.employer(em, need.terms.employerId))) return 'employer';
    if (viewer.coordinatorArea !== null) throw new CandidateNotFound(candidateId);
    throw new NeedNotFound(needId);
  }

  private async capacityAnswer(em: EntityManager, c: Competition, verdict: PairVerdict, side: Side): Promise<CapacityAnswer> {
    const all = [...c.needHeldBy, ...c.candidateHeldBy];
    const live = await this.proposals.findProposed(
      em,
      all.map((p) => ({ candidateId: p.candidateId, needId: p.needId })),
    );
    const idOf = new Map(live.map((p: Proposal) => [`${p.candidateId}|${p.needId}`, p.id]));
    // Other candidates appear only as their proposals' scores; the employer's side sees no proposal ids (she sees a
    // proposal once it is accepted) and none of the other needs she is held by.
    const holding =
      (ofThisNeed: boolean) =>
      (p: HeldPair): { proposalId: string | null; needId: string | null; score: number } => ({
        proposalId: side === 'full' ? (idOf.get(`${p.candidateId}|${p.needId}`) ?? null) : null,
        needId: side === 'full' || ofThisNeed ? p.needId : null,
        score: p.score,
      });
    const decidedBy: DecidingCapacity[] = [];
    if (verdict === 'out-competed') {
      if (c.needHeldBy.length >= c.needSlots) decidedBy.push('need-slots');
      if (c.candidateHeldBy.length >= c.candidateSlots) decidedBy.push('candidate-slots');
      if (c.needsCloseSupervision && c.supervisorSlots !== undefined && c.supervisorHeldBy.length >= c.supervisorSlots) {
        decidedBy.push('supervisor-capacity');
      }
    }
    return {
      decidedBy,
      scoreNeeded: c.scoreNeeded,
      needSlots: c.needSlots,
      needHeldBy: c.needHeldBy.map(holding(true)),
      candidateSlots: c.candidateSlots,
      candidateHeldBy: c.candidateHeldBy.map(holding(false)),
      needsCloseSupervision: c.needsCloseSupervision,
      supervisorSlots: c.supervisorSlots ?? null,
      supervisorHeldBy: c.supervisorHeldBy.map(holding(true)),
    };
  }
}

/** The employer's side: the waiting factor's words name the day her wait began, which is hers; its points stay. */
function forEmployer(explanation: Explanation): Explanation {
  return {
    ...explanation,
    factors: explanation.factors.map((f) => (f.factor === 'waiting' ? { ...f, detail: 'time waiting for work' } : f)),
  };
}
