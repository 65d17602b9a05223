import type { RejectionReason, WithdrawalReason } from '@jobbspar/contracts';
import type { Explanation } from '@jobbspar/matching-core';
import type { Proposal, ProposalStatus } from '../../domain/proposal';
import { needContext, type NeedContextView } from './need-context';

/** A proposal as the API shows it. */
export interface ProposalView {
  proposalId: string;
  needId: string;
  candidateId: string;
  pairId: string | null;
  status: ProposalStatus;
  score: number;
  explanation: Explanation;
  weightsVersion: string;
  acceptedScore: number | null;
  acceptedExplanation: Explanation | null;
  tenant: string;
  municipality: string;
  occupations: string[];
  reasonCode: RejectionReason | null;
  comment: string | null;
  withdrawalReason: WithdrawalReason | null;
  reviewedBy: string | null;
  /** ISO 8601 */
  reviewedAt: string | null;
  createdAt: string;
  version: number;
  /** Its need as the people who decide see it. */
  need: NeedContextView;
}

/** `need`: its need's context; without it, what the proposal itself knows (the caller re-reads for the full one). */
export function proposalView(proposal: Proposal, need: NeedContextView = needContext(proposal)): ProposalView {
  const p = proposal.toProps();
  return {
    proposalId: p.proposalId,
    needId: p.needId,
    candidateId: p.candidateId,
    pairId: p.pairId,
    status: p.status,
    score: p.score,
    explanation: p.explanation,
    weightsVersion: p.weightsVersion,
    acceptedScore: p.acceptedScore,
    acceptedExplanation: p.acceptedExplanation,
    tenant: p.tenant,
    municipality: p.municipality,
    occupations: p.occupations,
    reasonCode: p.reasonCode,
    comment: p.comment,
    withdrawalReason: p.withdrawalReason,
    reviewedBy: p.reviewedBy,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
    need,
  };
}

export interface ProposalPage {
  items: ProposalView[];
  total: number;
}
