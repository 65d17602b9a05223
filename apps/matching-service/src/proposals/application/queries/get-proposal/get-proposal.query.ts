import { Query } from '@nestjs/cqrs';
import { UNRESTRICTED, type Viewer } from '../../../../common/viewer';
import type { ProposalView } from '../proposal.view';

export class GetProposalQuery extends Query<ProposalView> {
  constructor(
    readonly proposalId: string,
    readonly viewer: Viewer = UNRESTRICTED,
  ) {
    super();
  }
}
