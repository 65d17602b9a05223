import type { CandidateForMatching, Explanation, NeedForMatching } from '@jobbspar/matching-core';
import type { KnownCandidate, KnownNeed } from '../../read-models/domain/read-models';

/** A candidate × need pair that passed the hard filters, with its score: an edge of the assignment graph. */
export interface MatchEdge {
  readonly candidateId: string;
  readonly needId: string;
  readonly score: number;
  readonly explanation: Explanation;
  readonly weightsVersion: string;
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
