import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { ReadModelProjector } from '../../../infrastructure/read-model.projector';
import { ApplyReadModelEventCommand } from './apply-read-model-event.command';

/**
 * Projects the event into the read models and, in the same inbox transaction, lets matching react to what changed.
 * A duplicate is stopped by the inbox before it gets here, an older snapshot by its revision.
 */
@CommandHandler(ApplyReadModelEventCommand)
export class ApplyReadModelEventHandler implements ICommandHandler<ApplyReadModelEventCommand> {
  constructor(
    private readonly projector: ReadModelProjector,
    private readonly engine: MatchingEngine,
  ) {}

  async execute({ contract, payload, em, cause, batch }: ApplyReadModelEventCommand): Promise<void> {
    // One event alone: the matching lock before the read models change, so that no solve sees half of this change.
    // In a batch the projection is held in memory and written at the batch's end, before the matching the engine
    // defers there (the projector asks for its end-of-batch work first), and the engine takes the lock only for
    // that matching: a batch's projection (its reads and writes, of its own partition's keys, uncommitted and so
    // seen by no other transaction) then overlaps another partition's matching. What matching does at once reads
    // the read models in SQL, so the batch's projection is written first.
    if (!batch) await this.engine.enter(em, cause);
    const change = await this.projector.apply(em, contract, payload, batch);
    if (batch && MatchingEngine.actsAtOnce(change)) await this.projector.flush(em);
    await this.engine.onReadModelChange(em, change, cause, batch);
  }
}
