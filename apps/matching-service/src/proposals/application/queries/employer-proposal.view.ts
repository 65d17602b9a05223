import type { DeclineReason, WithdrawalReason } from '@jobbspar/contracts';
import type { TaskCovered, TaskMissing } from '@jobbspar/matching-core';
import type { KnownCandidate, KnownNeed } from '../../../read-models/domain/read-models';
import type { Proposal } from '../../domain/proposal';
import { needContext, type NeedContextView } from './need-context';

/**
 * A proposal as the employer of its need sees it: the candidate's pseudonym, the tasks she covers and misses, the
 * support she needs. Never her contact data, follow-up attributes or the coordinator's comment (matching holds none
 * of the first two; the third stays with the coordinators).
 */
export interface EmployerProposalView {
  proposalId: string;
  needId: string;
  /** The role version the need was posted with; null while matching knows the need only as closed. */
  roleName: string | null;
  candidateId: string;
  pairId: string | null;
  status: 'accepted' | 'placed' | 'declined' | 'withdrawn';
  /** The current score, and the one the coordinator accepted. */
  score: number;
  acceptedScore: number;
  tasksCovered: TaskCovered[];
  tasksMissing: TaskMissing[];
  /** null once she is erased (matching no longer knows her). */
  supportNeeds: { closeSupervision: boolean; languageSupport: boolean } | null;
  /** ISO 8601 */
  acceptedAt: string;
  decidedAt: string | null;
  declineReason: DeclineReason | null;
  withdrawalReason: WithdrawalReason | null;
  need: NeedContextView;
}

export function employerProposalView(
  proposal: Proposal,
  need: KnownNeed | undefined,
  candidate: KnownCandidate | undefined,
  context: NeedContextView = needContext(proposal, need),
): EmployerProposalView {
  const p = proposal.toProps();
  return {
    proposalId: p.proposalId,
    needId: p.needId,
    roleName: need?.terms.roleName ?? null,
    candidateId: p.candidateId,
    pairId: p.pairId,
    status: p.status as EmployerProposalView['status'],
    score: p.score,
    acceptedScore: p.acceptedScore ?? p.score,
    tasksCovered: p.explanation.tasksCovered.map((t) => ({ ...t })),
    tasksMissing: p.explanation.tasksMissing.map((t) => ({ ...t })),
    supportNeeds: candidate
      ? {
          closeSupervision: candidate.profile.supportNeeds.closeSupervision,
          languageSupport: candidate.profile.supportNeeds.languageSupport,
        }
      : null,
    acceptedAt: (p.reviewedAt ?? p.createdAt).toISOString(),
    decidedAt: p.decidedAt?.toISOString() ?? null,
    declineReason: p.declineReason,
    withdrawalReason: p.withdrawalReason,
    need: context,
  };
}
