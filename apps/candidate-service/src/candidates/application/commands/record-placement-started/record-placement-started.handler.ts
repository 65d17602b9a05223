import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JsonLogger } from '@jobbspar/platform';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { PlacementRepository } from '../../../domain/placement.repository';
import { PlacementOutcome, RecordPlacementStartedCommand } from './record-placement-started.command';

/** A placement of hers started, for her job track. For a candidate not (or no longer) here it is skipped: after erasure nothing may come back. */
@CommandHandler(RecordPlacementStartedCommand)
export class RecordPlacementStartedHandler implements ICommandHandler<RecordPlacementStartedCommand> {
  private readonly log = new JsonLogger('placement-events');

  constructor(
    private readonly candidates: CandidateRepository,
    private readonly placements: PlacementRepository,
  ) {}

  async execute({ candidateId, placement, em }: RecordPlacementStartedCommand): Promise<PlacementOutcome> {
    if (!(await this.candidates.find(em, candidateId))) {
      this.log.write('info', 'placement started for a candidate not held here (erased or unknown): skipped', {
        placementId: placement.placementId,
      });
      return 'skipped';
    }
    await this.placements.recordStarted(em, candidateId, placement);
    return 'recorded';
  }
}
