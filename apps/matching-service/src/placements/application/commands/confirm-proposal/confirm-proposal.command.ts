import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';
import type { Viewer } from '../../../../common/viewer';
import type { SupportMeasures } from '../../../domain/placement';

/** The employer of the need confirms a proposal a coordinator accepted: its placement starts. */
export class ConfirmProposalCommand extends Command<{ placementId: string }> {
  constructor(
    readonly proposalId: string,
    /** YYYY-MM-DD */
    readonly startDate: string,
    readonly support: SupportMeasures,
    readonly viewer: Viewer,
    readonly ctx: Cause,
  ) {
    super();
  }
}
