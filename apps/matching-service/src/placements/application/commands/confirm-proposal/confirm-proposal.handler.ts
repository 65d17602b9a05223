import { Outbox } from '@jobbspar/messaging';
import { Clock, swedishDay } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { EmployerSide } from '../../../../proposals/application/employer-side';
import { publishProposalEvents } from '../../../../proposals/application/proposal-events';
import { ProposalRepository } from '../../../../proposals/domain/proposal.repository';
import { Placement } from '../../../domain/placement';
import { PlacementStateConflict } from '../../../domain/placement.errors';
import { PlacementRepository } from '../../../domain/placement.repository';
import { publishPlacementEvents } from '../../placement-events';
import { ConfirmProposalCommand } from './confirm-proposal.command';

/**
 * The employer of the need confirms an accepted proposal with a start date and the support measures: only this
 * starts a placement. The proposal is placed (ProposalConfirmed) and the placement starts (PlacementStarted) with
 * the employer and placement type of the need as matching knows it, in one transaction; nothing is stored or
 * published on error. The start is not before the day the coordinator accepted it.
 */
@CommandHandler(ConfirmProposalCommand)
export class ConfirmProposalHandler implements ICommandHandler<ConfirmProposalCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementRepository,
    private readonly proposals: ProposalRepository,
    private readonly employerSide: EmployerSide,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
    private readonly clock: Clock,
  ) {}

  execute({ proposalId, startDate, support, viewer, ctx }: ConfirmProposalCommand): Promise<{ placementId: string }> {
    return this.dataSource.transaction(async (em) => {
      // Placing changes the accepted counts capacities are made of: take the matching lock like a review does.
      await this.engine.enter(em, ctx);
      const { proposal, need } = await this.employerSide.proposal(em, proposalId, viewer, { lock: true });
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
      proposal.confirm(placement.id, startDate, ctx.actor, this.clock.now());
      await this.proposals.save(em, [proposal]);
      await publishProposalEvents(this.outbox, em, proposal, ctx);
      await this.placements.insert(em, placement);
      await publishPlacementEvents(this.outbox, em, placement, ctx);
      return { placementId: placement.id };
    });
  }
}
