import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { EmployerSide } from '../../employer-side';
import { needContext } from '../need-context';
import { ProposalPage, proposalView } from '../proposal.view';
import { ListProposalsQuery } from './list-proposals.query';

@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly employerSide: EmployerSide,
  ) {}

  async execute({ filter, viewer }: ListProposalsQuery): Promise<ProposalPage> {
    const em = this.dataSource.manager;
    // Coordinators read every proposal; the employer's side only those for its own needs.
    const needIds = viewer.coordinatorArea === null ? await this.employerSide.needIds(em, viewer) : undefined;
    if (needIds?.length === 0) return { items: [], total: 0 };
    // The page, its needs and their employers in one query.
    const { items, total } = await this.proposals.listWithNeeds(em, { ...filter, needIds });
    return { items: items.map((i) => proposalView(i.proposal, needContext(i.proposal, i.need, i.employer))), total };
  }
}
