import type { DeclineReason, RejectionReason, WithdrawalReason } from '@jobbspar/contracts';
import type { Explanation } from '@jobbspar/matching-core';
import { Proposal, ProposalStatus } from '../domain/proposal';

/** A row of matching.proposals as the pg driver returns it. */
export interface ProposalRow {
  proposal_id: string;
  need_id: string;
  candidate_id: string;
  pair_id: string | null;
  status: ProposalStatus;
  /** numeric(7,2) arrives as a string. */
  score: string;
  explanation: Explanation;
  weights_version: string;
  accepted_score: string | null;
  accepted_explanation: Explanation | null;
  tenant: string;
  municipality: string;
  occupations: string[];
  reason_code: RejectionReason | null;
  comment: string | null;
  withdrawal_reason: WithdrawalReason | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decline_reason: DeclineReason | null;
  created_at: Date;
  version: number;
}

export const ProposalMapper = {
  toDomain(r: ProposalRow): Proposal {
    return Proposal.restore({
      proposalId: r.proposal_id,
      needId: r.need_id,
      candidateId: r.candidate_id,
      pairId: r.pair_id,
      status: r.status,
      score: Number(r.score),
      explanation: r.explanation,
      weightsVersion: r.weights_version,
      acceptedScore: r.accepted_score === null ? null : Number(r.accepted_score),
      acceptedExplanation: r.accepted_explanation,
      tenant: r.tenant,
      municipality: r.municipality,
      occupations: r.occupations,
      reasonCode: r.reason_code,
      comment: r.comment,
      withdrawalReason: r.withdrawal_reason,
      reviewedBy: r.reviewed_by,
      reviewedAt: r.reviewed_at,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      declineReason: r.decline_reason,
      createdAt: r.created_at,
      version: r.version,
    });
  },

  /** The values of one INSERT row, in the repository's column order. */
  toInsertValues(p: Proposal): unknown[] {
    const s = p.toProps();
    return [
      s.proposalId,
      s.needId,
      s.candidateId,
      s.pairId,
      s.status,
      s.score,
      JSON.stringify(s.explanation),
      s.weightsVersion,
      s.acceptedScore,
      s.acceptedExplanation === null ? null : JSON.stringify(s.acceptedExplanation),
      s.tenant,
      s.municipality,
      s.occupations,
      s.reasonCode,
      s.comment,
      s.withdrawalReason,
      s.reviewedBy,
      s.reviewedAt,
      s.decidedBy,
      s.decidedAt,
      s.declineReason,
      s.createdAt,
      s.version,
    ];
  },
};
