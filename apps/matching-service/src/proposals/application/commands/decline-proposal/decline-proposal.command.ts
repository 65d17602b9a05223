import type { DeclineReason } from '@jobbspar/contracts';
import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';
import type { Viewer } from '../../../../common/viewer';

/** The employer of the need declines a proposal a coordinator accepted. */
export class DeclineProposalCommand extends Command<{ proposalId: string }> {
  constructor(
    readonly proposalId: string,
    readonly reasonCode: DeclineReason,
    readonly viewer: Viewer,
    readonly ctx: Cause,
  ) {
    super();
  }
}
