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
import { RejectProposalCommand } from './reject-proposal.command';

/**
 * A coordinator rejects a proposal with a reason. The pair leaves the assignment for good (a rejected pair is never
 * proposed again), so the engine re-solves the freed room in the same transaction.
 */
@CommandHandler(RejectProposalCommand)
export class RejectProposalHandler implements ICommandHandler<RejectProposalCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly outbox: Outbox,
    private readonly engine: MatchingEngine,
    private readonly clock: Clock,
  ) {}

  execute({ proposalId, reasonCode, comment, ctx }: RejectProposalCommand): Promise<ProposalView> {
    return this.dataSource.transaction(async (em) => {
      await this.engine.enter(em, ctx);
      const proposal = await this.proposals.findById(em, proposalId, { lock: true });
      if (!proposal) throw new ProposalNotFound(proposalId);
      proposal.reject(reasonCode, comment, ctx.actor, this.clock.now());
      await this.proposals.save(em, [proposal]);
      await publishProposalEvents(this.outbox, em, proposal, ctx);
      await this.engine.pairReviewed(em, proposal.candidateId, proposal.needId, ctx);
      return proposalView(proposal);
    });
  }
}
