import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';
import type { SupportMeasures } from '../../../domain/placement';

export class StartPlacementCommand extends Command<{ placementId: string }> {
  constructor(
    readonly proposalId: string,
    /** YYYY-MM-DD */
    readonly startDate: string,
    readonly support: SupportMeasures,
    readonly ctx: Cause,
  ) {
    super();
  }
}
