import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { ProposalPage, proposalView } from '../proposal.view';
import { ListProposalsQuery } from './list-proposals.query';

@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
  ) {}

  async execute({ filter }: ListProposalsQuery): Promise<ProposalPage> {
    const { items, total } = await this.proposals.list(this.dataSource.manager, filter);
    return { items: items.map(proposalView), total };
  }
}
