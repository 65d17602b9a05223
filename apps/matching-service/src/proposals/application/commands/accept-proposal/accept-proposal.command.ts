import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';
import type { ProposalView } from '../../queries/proposal.view';

export class AcceptProposalCommand extends Command<ProposalView> {
  constructor(
    readonly proposalId: string,
    readonly ctx: Cause,
  ) {
    super();
  }
}
