import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalNotFound } from '../../../domain/proposal.errors';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { proposalView, ProposalView } from '../proposal.view';
import { GetProposalQuery } from './get-proposal.query';

@QueryHandler(GetProposalQuery)
export class GetProposalHandler implements IQueryHandler<GetProposalQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
  ) {}

  async execute({ proposalId }: GetProposalQuery): Promise<ProposalView> {
    const proposal = await this.proposals.findById(this.dataSource.manager, proposalId);
    if (!proposal) throw new ProposalNotFound(proposalId);
    return proposalView(proposal);
  }
}
