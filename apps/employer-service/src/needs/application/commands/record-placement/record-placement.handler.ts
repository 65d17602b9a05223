import { Outbox, PermanentEventError } from '@jobbspar/messaging';
import { Clock, JsonLogger } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PlacementEmployerMismatchError } from '../../../domain/need.errors';
import { NeedRepository } from '../../../domain/need.repository';
import { publishNeedEvents } from '../../need-events';
import { RecordPlacementCommand, RecordPlacementOutcome } from './record-placement.command';

/**
 * A placement started on one of our needs: one position fewer open, and filled when none is left.
 * - Unknown need: matching only places on needs it learnt from us, so this event is broken (or from another
 *   environment). It can never apply; it goes to the dead-letter topic where an operator sees it.
 * - Need already closed or filled (the employer closed it while matching placed someone): the placement is a fact
 *   we cannot undo, so the event is recorded (inbox) and the need left as it is, with a warning in the log.
 */
@CommandHandler(RecordPlacementCommand)
export class RecordPlacementHandler implements ICommandHandler<RecordPlacementCommand> {
  private readonly log = new JsonLogger('placements');

  constructor(
    private readonly needs: NeedRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ placement, em, ctx }: RecordPlacementCommand): Promise<RecordPlacementOutcome> {
    const need = await this.needs.findById(em, placement.needId, { lock: true });
    if (!need) throw new PermanentEventError(`needId: no need with id ${placement.needId} in employer-service`);
    if (need.employerId !== placement.employerId) throw new PlacementEmployerMismatchError(need.id, need.employerId, placement.employerId);
    if (!need.recordPlacement(this.clock.now())) {
      this.log.write('warn', 'placement started on a need no longer open; need left as it is', {
        needId: need.id,
        placementId: placement.placementId,
        status: need.status,
      });
      return 'ignored';
    }
    await this.needs.save(em, need);
    await publishNeedEvents(this.outbox, em, need, ctx);
    return 'applied';
  }
}
