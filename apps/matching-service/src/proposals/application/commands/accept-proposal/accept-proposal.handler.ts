import { Outbox } from '@jobbspar/messaging';
import { Clock } from '@jobbspar/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MatchingEngine } from '../../../../matching/application/matching.engine';
import { ProposalNotFound } from '../../../domain/proposal.errors';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { publishProposalEvents } from '../../proposal-events';
import { proposalView, ProposalView } from '../../queries/proposal.view';
import { AcceptProposalCommand } from './accept-proposal.command';

/**
 * A coordinator accepts a proposal. The pair then holds a slot of both sides outside the assignment, so the engine
 * re-solves in the same transaction; nothing is stored or published if any step fails.
 */
@CommandHandler(AcceptProposalCommand)
export class AcceptProposalHandler implements ICommandHandler<AcceptProposalCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
    private readonly clock: Clock,
  ) {}

  execute({ proposalId, ctx }: AcceptProposalCommand): Promise<ProposalView> {
    return this.dataSource.transaction(async (em) => {
      // The lock first: the engine may be about to withdraw this very proposal.
      await this.engine.enter(em, ctx);
      const proposal = await this.proposals.findById(em, proposalId, { lock: true });
      if (!proposal) throw new ProposalNotFound(proposalId);
      proposal.accept(ctx.actor, this.clock.now());
      await this.proposals.save(em, [proposal]);
      await publishProposalEvents(this.outbox, em, proposal, ctx);
      await this.engine.pairReviewed(em, proposal.candidateId, proposal.needId, ctx);
      return proposalView(proposal);
    });
  }
}
