import { Query } from '@nestjs/cqrs';
import type { ProposalView } from '../proposal.view';

export class GetProposalQuery extends Query<ProposalView> {
  constructor(readonly proposalId: string) {
    super();
  }
}
