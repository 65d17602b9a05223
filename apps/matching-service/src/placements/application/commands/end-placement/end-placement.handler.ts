import { Outbox } from '@jobbspar/messaging';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { PlacementNotFound } from '../../../domain/placement.errors';
import { PlacementRepository } from '../../../domain/placement.repository';
import { publishPlacementEvents } from '../../placement-events';
import { EndPlacementCommand } from './end-placement.command';

/**
 * A placement ends with its outcome. It no longer holds one of her slots, nor its need's supervisor room, so
 * matching re-solves both capacities in the same transaction.
 */
@CommandHandler(EndPlacementCommand)
export class EndPlacementHandler implements ICommandHandler<EndPlacementCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
  ) {}

  async execute({ placementId, endDate, outcome, ctx }: EndPlacementCommand): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const placement = await this.placements.findById(em, placementId, { lock: true });
      if (!placement) throw new PlacementNotFound(placementId);
      placement.end(endDate, outcome);
      await this.placements.save(em, placement);
      await publishPlacementEvents(this.outbox, em, placement, ctx);
      await this.engine.commitmentsChanged(em, placement.candidateId, ctx, placement.needId);
    });
  }
}
