import { Query } from '@nestjs/cqrs';
import type { Viewer } from '../../../../common/viewer';
import type { ProposalStatus } from '../../../domain/proposal';
import type { EmployerProposalView } from '../employer-proposal.view';

/** One proposal as the employer side sees it (PROPOSAL_NOT_FOUND if it is not hers to see). */
export class GetEmployerProposalQuery extends Query<EmployerProposalView> {
  constructor(
    readonly proposalId: string,
    readonly viewer: Viewer,
  ) {
    super();
  }
}

/** The proposals for the needs of the employers the caller speaks for, best current score first. */
export class ListEmployerProposalsQuery extends Query<{ items: EmployerProposalView[]; total: number }> {
  constructor(
    readonly viewer: Viewer,
    readonly filter: { needId?: string; status?: ProposalStatus; limit: number; offset: number },
  ) {
    super();
  }
}
