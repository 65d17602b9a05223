import {
  hardFilterChecklist,
  passesHardFilters,
  scoreCandidate,
  scoreOf,
  type Explanation,
  type HardFilterChecklist,
  type HardFilterContext,
  type ScoringWeights,
} from '@jobbspar/matching-core';
import { commute, municipalitiesWithin } from '@jobbspar/taxonomy';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Reach } from '../../read-models/application/read-model.reader';
import { CurrentWeights } from '../../weights/application/current-weights';
import type { MatchableCandidate, MatchableNeed, MatchEdge, StoredEdge } from '../domain/match-edge';

/** The longest commute a candidate may declare (the contract's maximum). */
export const MAX_COMMUTE_MINUTES = 240;

/**
 * Scoring of one pair, and the commute geography that narrows which pairs are worth scoring: hard filters, then
 * matching-core's score with the need region's current weights. Follow-up attributes never get here.
 */
@Injectable()
export class PairScorer {
  constructor(private readonly weights: CurrentWeights) {}

  /** Where a workplace can be reached from within the longest commute anyone may have; undefined if unknown. */
  reachOf(workplace: string): Reach | undefined {
    try {
      const codes = municipalitiesWithin(workplace, MAX_COMMUTE_MINUTES);
      return { codes, minutes: codes.map((code) => commute(code, workplace).minutes) };
    } catch {
      return undefined;
    }
  }

  /** The workplaces within her commute; undefined (no pruning) if her home is unknown to the taxonomy. */
  workplacesWithin(home: string, maxMinutes: number): string[] | undefined {
    try {
      return municipalitiesWithin(home, maxMinutes);
    } catch {
      return undefined;
    }
  }

  /**
   * The edge of a pair that passes the hard filters with a positive score on `today` (Sweden's calendar day), else
   * undefined. Settled pairs (rejected, accepted, placed) are the caller's to leave out.
   */
  async score(em: Pick<EntityManager, 'query'>, c: MatchableCandidate, n: MatchableNeed, today: string): Promise<MatchEdge | undefined> {
    if (!passesHardFilters(c.forMatching, n.forMatching, { today, commuteMinutes, rejected: false })) return undefined;
    return edgeOf(c, n, await this.weights.current(n.need.tenant, em), today);
  }

  /**
   * `score` of many candidates against one need: its region's weights read once, then each pair scored without a
   * round trip or an await (a NeedPosted scores thousands).
   */
  async scorerFor(em: Pick<EntityManager, 'query'>, n: MatchableNeed, today: string): Promise<NeedScorer> {
    return new NeedScorer(n, await this.weights.current(n.need.tenant, em), today);
  }

  /**
   * The explanation of a stored edge, derived again from what scored it: the pair's read models (unchanged since,
   * for every change of either re-scores all its edges), the edge's weights version and the day it was scored on.
   * It is the explanation `score` gave then; a score that came out different would mean an edge outlived a change
   * of its inputs, and the fresh explanation (with its own score) is the truthful one to show.
   */
  async explainStored(em: Pick<EntityManager, 'query'>, c: MatchableCandidate, n: MatchableNeed, edge: StoredEdge): Promise<Explanation> {
    const weights = await this.weights.version(edge.weightsVersion, em);
    if (!weights) throw new Error(`edge of ${edge.candidateId} for ${edge.needId} names weights ${edge.weightsVersion}, which are unknown`);
    return scoreCandidate(c.forMatching, n.forMatching, weights, { today: edge.scoredOn });
  }

  /**
   * The same filters and score as `score`, with everything they compared: the why / why-not answer. `rejected`: the
   * pair is settled as rejected or declined (`score`'s callers leave those out before asking).
   */
  async explain(
    em: Pick<EntityManager, 'query'>,
    c: MatchableCandidate,
    n: MatchableNeed,
    today: string,
    rejected: boolean,
  ): Promise<PairVerdict> {
    const filters = hardFilterChecklist(c.forMatching, n.forMatching, { today, commuteMinutes, rejected });
    if (!filters.passed) return { filters, explanation: null };
    const weights = await this.weights.current(n.need.tenant, em);
    return { filters, explanation: scoreCandidate(c.forMatching, n.forMatching, weights, { today }) };
  }
}

/** A pair as scoring sees it: every hard filter with its values, and the score if it passes them. */
export interface PairVerdict {
  readonly filters: HardFilterChecklist;
  /** Null unless every filter passed. */
  readonly explanation: Explanation | null;
}

/** PairScorer.score against one need, with its weights. */
export class NeedScorer {
  private readonly filters: HardFilterContext;

  constructor(
    private readonly need: MatchableNeed,
    private readonly weights: ScoringWeights,
    private readonly today: string,
  ) {
    this.filters = { today, commuteMinutes, rejected: false };
  }

  score(c: MatchableCandidate): MatchEdge | undefined {
    if (!passesHardFilters(c.forMatching, this.need.forMatching, this.filters)) return undefined;
    return edgeOf(c, this.need, this.weights, this.today);
  }
}

/**
 * The edge of a pair that passed the hard filters, if its score is positive. Its explanation is made when first
 * read, from the same inputs: only pairs that are shown (a proposal re-scored) need one, and most edges never are.
 */
function edgeOf(c: MatchableCandidate, n: MatchableNeed, weights: ScoringWeights, today: string): MatchEdge | undefined {
  const score = scoreOf(c.forMatching, n.forMatching, weights, { today });
  if (!(score > 0)) return undefined;
  let explanation: Explanation | undefined;
  return {
    candidateId: c.forMatching.candidateId,
    needId: n.forMatching.needId,
    score,
    weightsVersion: weights.version,
    scoredOn: today,
    get explanation(): Explanation {
      return (explanation ??= scoreCandidate(c.forMatching, n.forMatching, weights, { today }));
    },
  };
}

function commuteMinutes(from: string, to: string): number {
  try {
    return commute(from, to).minutes;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
