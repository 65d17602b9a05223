import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { heldHere } from '../../held-here';
import { PlacementRepository } from '../../../domain/placement.repository';
import type { PlacementOutcome } from '../record-placement-started/record-placement-started.command';
import { RecordPlacementFollowUpCommand } from './record-placement-follow-up.command';

/**
 * Her outcome at a checkpoint of a placement, kept here beside her follow-up attributes for the equal-distribution
 * aggregates. For a candidate not (or no longer) here it is skipped: after erasure nothing may come back.
 */
@CommandHandler(RecordPlacementFollowUpCommand)
export class RecordPlacementFollowUpHandler implements ICommandHandler<RecordPlacementFollowUpCommand> {
  constructor(
    private readonly candidates: CandidateRepository,
    private readonly placements: PlacementRepository,
  ) {}

  async execute({ candidateId, followUp, em }: RecordPlacementFollowUpCommand): Promise<PlacementOutcome> {
    if (!(await heldHere(this.candidates, em, candidateId, { what: 'follow-up', placementId: followUp.placementId }))) return 'skipped';
    await this.placements.recordFollowUp(em, candidateId, followUp);
    return 'recorded';
  }
}
