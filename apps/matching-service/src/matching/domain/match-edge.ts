import type { CandidateForMatching, Explanation, NeedForMatching } from '@jobbspar/matching-core';
import type { KnownCandidate, KnownNeed } from '../../read-models/domain/read-models';

/**
 * A candidate × need pair that passed the hard filters, with its score: an edge of the assignment graph, as stored.
 * Its explanation is not stored: it follows from the two read models, the weights version and the day it was scored
 * on, and any change of a read model re-scores every edge of it (PairScorer.explainStored derives it again).
 */
export interface StoredEdge {
  readonly candidateId: string;
  readonly needId: string;
  readonly score: number;
  readonly weightsVersion: string;
  /** The Swedish calendar day it was scored on (YYYY-MM-DD): the waiting factor counts days up to it. */
  readonly scoredOn: string;
}

/** An edge just scored, with the explanation scoring computed along the way. */
export interface MatchEdge extends StoredEdge {
  readonly explanation: Explanation;
}

/** A need from the read models with what matching-core's filters and scoring read. */
export interface MatchableNeed {
  readonly need: KnownNeed;
  readonly forMatching: NeedForMatching;
}

export interface MatchableCandidate {
  readonly candidate: KnownCandidate;
  readonly forMatching: CandidateForMatching;
}

export function matchableNeed(n: KnownNeed): MatchableNeed {
  return {
    need: n,
    forMatching: {
      needId: n.needId,
      status: n.status,
      positionsLeft: n.positionsLeft,
      startDate: n.terms.startDate,
      workplaceMunicipality: n.workplaceMunicipality,
      occupations: n.occupations,
      tasks: n.terms.tasks,
      shortage: n.terms.shortage,
      support: n.terms.support,
      region: n.tenant,
    },
  };
}

/** Only what scoring may see: follow-up attributes are not in the read model, so they cannot reach here. */
export function matchableCandidate(c: KnownCandidate): MatchableCandidate {
  const p = c.profile;
  return {
    candidate: c,
    forMatching: {
      candidateId: c.candidateId,
      homeMunicipality: p.homeMunicipality,
      availableFrom: p.availableFrom,
      maxCommuteMinutes: p.maxCommuteMinutes,
      interests: p.interests,
      supportNeeds: p.supportNeeds,
      consentActive: c.matchingConsent,
      waitingSince: p.waitingSince,
      validations: c.levels,
    },
  };
}
