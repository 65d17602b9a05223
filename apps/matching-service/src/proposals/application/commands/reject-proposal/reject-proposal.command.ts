import type { RejectionReason } from '@jobbspar/contracts';
import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';
import type { ProposalView } from '../../queries/proposal.view';

export class RejectProposalCommand extends Command<ProposalView> {
  constructor(
    readonly proposalId: string,
    readonly reasonCode: RejectionReason,
    /** The coordinator's free text: stored, never published. */
    readonly comment: string | null,
    readonly ctx: Cause,
  ) {
    super();
  }
}
