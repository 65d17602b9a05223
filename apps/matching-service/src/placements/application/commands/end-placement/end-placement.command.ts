import type { PlacementOutcome } from '@jobbspar/contracts';
import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';

export class EndPlacementCommand extends Command<void> {
  constructor(
    readonly placementId: string,
    /** YYYY-MM-DD, not before the start. */
    readonly endDate: string,
    readonly outcome: PlacementOutcome,
    readonly ctx: Cause,
  ) {
    super();
  }
}
