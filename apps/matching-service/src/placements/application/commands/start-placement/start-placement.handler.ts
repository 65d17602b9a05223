import { Outbox } from '@jobbspar/messaging';
import { swedishDay } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { ProposalLedger } from '../../../../proposals/application/proposal-ledger';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { Placement } from '../../../domain/placement';
import { PlacementStateConflict } from '../../../domain/placement.errors';
import { PlacementRepository } from '../../../domain/placement.repository';
import { publishPlacementEvents } from '../../placement-events';
import { StartPlacementCommand } from './start-placement.command';

/**
 * The employer confirms an accepted proposal: the proposal is placed and the placement starts, with the employer
 * and placement type of the need as matching knows it. One transaction; nothing is stored or published on error.
 */
@CommandHandler(StartPlacementCommand)
export class StartPlacementHandler implements ICommandHandler<StartPlacementCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly proposals: ProposalLedger,
    private readonly readModels: ReadModelReader,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
  ) {}

  execute({ proposalId, startDate, support, ctx }: StartPlacementCommand): Promise<{ placementId: string }> {
    return this.dataSource.transaction(async (em) => {
      // Placing changes the accepted counts capacities are made of: take the matching lock like a review does.
      await this.engine.enter(em, ctx);
      const proposal = await this.proposals.place(em, proposalId);
      const need = await this.readModels.need(em, proposal.needId);
      if (!need) throw new PlacementStateConflict(`need ${proposal.needId} is not known here`, { needId: proposal.needId });
      const placement = Placement.start(
        {
          placementId: randomUUID(),
          proposalId,
          needId: proposal.needId,
          candidateId: proposal.candidateId,
          employerId: need.terms.employerId,
          placementType: need.terms.placementType,
          tenant: proposal.tenant,
          startDate,
          support,
        },
        proposal.acceptedAt && swedishDay(proposal.acceptedAt),
      );
      await this.placements.insert(em, placement);
      await publishPlacementEvents(this.outbox, em, placement, ctx);
      return { placementId: placement.id };
    });
  }
}
