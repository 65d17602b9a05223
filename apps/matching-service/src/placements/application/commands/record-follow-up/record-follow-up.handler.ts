import { Outbox } from '@jobbspar/messaging';
import { Clock } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlacementNotFound } from '../../../domain/placement.errors';
import { PlacementRepository } from '../../../domain/placement.repository';
import { publishPlacementEvents } from '../../placement-events';
import { RecordFollowUpCommand } from './record-follow-up.command';

/** Records where she is at a checkpoint, on today's Swedish date, by the acting user. */
@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler implements ICommandHandler<RecordFollowUpCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute({ placementId, checkpointDays, status, ctx }: RecordFollowUpCommand): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const placement = await this.placements.findById(em, placementId, { lock: true });
      if (!placement) throw new PlacementNotFound(placementId);
      placement.recordFollowUp(checkpointDays, status, this.clock.today(), ctx.actor);
      await this.placements.save(em, placement);
      await publishPlacementEvents(this.outbox, em, placement, ctx);
    });
  }
}
