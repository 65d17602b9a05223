import { Query } from '@nestjs/cqrs';
import type { ProposalFilter } from '../../../domain/proposal.repository';
import { UNRESTRICTED, type Viewer } from '../../../../common/viewer';
import type { ProposalPage } from '../proposal.view';

export type { ProposalFilter };

/** A page of proposals for a need, a candidate or the review queue, best score first. */
export class ListProposalsQuery extends Query<ProposalPage> {
  constructor(
    readonly filter: ProposalFilter,
    readonly viewer: Viewer = UNRESTRICTED,
  ) {
    super();
  }
}
