import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JsonLogger } from '@jobbspar/platform';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { PlacementRepository } from '../../../domain/placement.repository';
import type { PlacementOutcome } from '../record-placement-started/record-placement-started.command';
import { RecordPlacementFollowUpCommand } from './record-placement-follow-up.command';

/**
 * Her outcome at a checkpoint of a placement, kept here beside her follow-up attributes for the equal-distribution
 * aggregates. For a candidate not (or no longer) here it is skipped: after erasure nothing may come back.
 */
@CommandHandler(RecordPlacementFollowUpCommand)
export class RecordPlacementFollowUpHandler implements ICommandHandler<RecordPlacementFollowUpCommand> {
  private readonly log = new JsonLogger('placement-events');

  constructor(
    private readonly candidates: CandidateRepository,
    private readonly placements: PlacementRepository,
  ) {}

  async execute({ candidateId, followUp, em }: RecordPlacementFollowUpCommand): Promise<PlacementOutcome> {
    if (!(await this.candidates.find(em, candidateId))) {
      this.log.write('info', 'follow-up for a candidate not held here (erased or unknown): skipped', { placementId: followUp.placementId });
      return 'skipped';
    }
    await this.placements.recordFollowUp(em, candidateId, followUp);
    return 'recorded';
  }
}
