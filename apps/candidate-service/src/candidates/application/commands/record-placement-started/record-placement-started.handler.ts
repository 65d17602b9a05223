import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { heldHere } from '../../held-here';
import { PlacementRepository } from '../../../domain/placement.repository';
import { PlacementOutcome, RecordPlacementStartedCommand } from './record-placement-started.command';

/** A placement of hers started, for her job track. For a candidate not (or no longer) here it is skipped: after erasure nothing may come back. */
@CommandHandler(RecordPlacementStartedCommand)
export class RecordPlacementStartedHandler implements ICommandHandler<RecordPlacementStartedCommand> {
  constructor(
    private readonly candidates: CandidateRepository,
    private readonly placements: PlacementRepository,
  ) {}

  async execute({ candidateId, placement, em }: RecordPlacementStartedCommand): Promise<PlacementOutcome> {
    if (!(await heldHere(this.candidates, em, candidateId, { what: 'placement started', placementId: placement.placementId })))
      return 'skipped';
    await this.placements.recordStarted(em, candidateId, placement);
    return 'recorded';
  }
}
