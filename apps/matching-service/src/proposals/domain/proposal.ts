import type { RejectionReason, WithdrawalReason } from '@jobbspar/contracts';
import { ProposalStateConflict } from './proposal.errors';

export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'rejected', 'withdrawn', 'placed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalState {
  readonly proposalId: string;
  readonly status: ProposalStatus;
  readonly reasonCode: RejectionReason | null;
  readonly comment: string | null;
  readonly withdrawalReason: WithdrawalReason | null;
}

/**
 * The proposal lifecycle: proposed → accepted | rejected | withdrawn; accepted → placed | withdrawn. A review is
 * final: a reviewed or withdrawn proposal cannot be reviewed again.
 */
export function accept(p: ProposalState): ProposalState {
  if (p.status !== 'proposed') throw new ProposalStateConflict(p.proposalId, p.status, 'accept');
  return { ...p, status: 'accepted' };
}

export function reject(p: ProposalState, reasonCode: RejectionReason, comment: string | null): ProposalState {
  if (p.status !== 'proposed') throw new ProposalStateConflict(p.proposalId, p.status, 'reject');
  return { ...p, status: 'rejected', reasonCode, comment };
}

export function withdraw(p: ProposalState, reason: WithdrawalReason): ProposalState {
  if (p.status !== 'proposed' && p.status !== 'accepted') throw new ProposalStateConflict(p.proposalId, p.status, 'withdraw');
  return { ...p, status: 'withdrawn', withdrawalReason: reason };
}

export function place(p: ProposalState): ProposalState {
  if (p.status !== 'accepted') throw new ProposalStateConflict(p.proposalId, p.status, 'start a placement');
  return { ...p, status: 'placed' };
}
