import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CandidateProfileUpdatedV1 } from '@jobbspar/contracts';
import { JsonLogger } from '@jobbspar/platform';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { heldHere } from '../../held-here';
import { PlacementRepository } from '../../../domain/placement.repository';
import { CandidateProfilePublisher } from '../../candidate-profile.publisher';
import type { PlacementOutcome } from '../record-placement-started/record-placement-started.command';
import { RecordPlacementEndedCommand } from './record-placement-ended.command';

/**
 * A placement of hers ended: recorded for her job track, and her waiting time restarts on its end date, which
 * matching reads from her republished profile. For a candidate not (or no longer) here it is skipped.
 */
@CommandHandler(RecordPlacementEndedCommand)
export class RecordPlacementEndedHandler implements ICommandHandler<RecordPlacementEndedCommand> {
  private readonly log = new JsonLogger('placement-events');

  constructor(
    private readonly candidates: CandidateRepository,
    private readonly placements: PlacementRepository,
    private readonly profiles: CandidateProfilePublisher,
  ) {}

  async execute({ candidateId, placement, em, ctx }: RecordPlacementEndedCommand): Promise<PlacementOutcome> {
    if (!(await heldHere(this.candidates, em, candidateId, { what: 'placement ended', placementId: placement.placementId })))
      return 'skipped';
    // An unknown placement (its start never reached us) is still an end of a placement: her waiting restarts.
    if (!(await this.placements.recordEnded(em, candidateId, placement))) {
      this.log.write('warn', 'placement ended before it was known here', { placementId: placement.placementId });
    }
    await this.candidates.setWaitingSince(em, candidateId, placement.endDate);
    await this.profiles.publish(em, CandidateProfileUpdatedV1, candidateId, ctx);
    return 'recorded';
  }
}
