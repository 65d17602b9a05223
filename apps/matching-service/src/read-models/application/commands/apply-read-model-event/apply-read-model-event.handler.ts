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
    // The matching lock before the read models change, so that no solve sees half of this change.
    await this.engine.enter(em, cause);
    const change = await this.projector.apply(em, contract, payload);
    await this.engine.onReadModelChange(em, change, cause, batch);
  }
}
