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
  /** A new proposal's row, by column, as one element of the JSON array the insert reads (jsonb columns as objects). */
  toInsertRow(p: Proposal): Record<string, unknown> {
    const s = p.toProps();
    return {
      proposal_id: s.proposalId,
      need_id: s.needId,
      candidate_id: s.candidateId,
      pair_id: s.pairId,
      status: s.status,
      score: s.score,
      explanation: s.explanation,
      weights_version: s.weightsVersion,
      accepted_score: s.acceptedScore,
      accepted_explanation: s.acceptedExplanation,
      tenant: s.tenant,
      municipality: s.municipality,
      occupations: s.occupations,
      reason_code: s.reasonCode,
      comment: s.comment,
      withdrawal_reason: s.withdrawalReason,
      reviewed_by: s.reviewedBy,
      reviewed_at: s.reviewedAt,
      decided_by: s.decidedBy,
      decided_at: s.decidedAt,
      decline_reason: s.declineReason,
      created_at: s.createdAt,
      version: s.version,
    };
  },
};
