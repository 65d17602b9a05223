import { Outbox } from '@jobbspar/messaging';
import { Clock } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { EmployerSide } from '../../employer-side';
import { publishProposalEvents } from '../../proposal-events';
import { DeclineProposalCommand } from './decline-proposal.command';

/**
 * The employer declines an accepted proposal with a reason code. The pair is settled as a rejected one is (never
 * proposed again for this need: she said no to this person for this need), and the slots it held (one of the need's
 * positions × M, one of her K) are free: the engine re-solves them in the same transaction, so other candidates can
 * be proposed for the need and she for other needs.
 */
@CommandHandler(DeclineProposalCommand)
export class DeclineProposalHandler implements ICommandHandler<DeclineProposalCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly employerSide: EmployerSide,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
    private readonly clock: Clock,
  ) {}

  execute({ proposalId, reasonCode, viewer, ctx }: DeclineProposalCommand): Promise<{ proposalId: string }> {
    return this.dataSource.transaction(async (em) => {
      await this.engine.enter(em, ctx);
      const { proposal } = await this.employerSide.proposal(em, proposalId, viewer, { lock: true });
      proposal.decline(reasonCode, ctx.actor, this.clock.now());
      await this.proposals.save(em, [proposal]);
      await publishProposalEvents(this.outbox, em, proposal, ctx);
      await this.engine.pairReviewed(em, proposal.candidateId, proposal.needId, ctx);
      return { proposalId };
    });
  }
}
