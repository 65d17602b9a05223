import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { EmployerSide } from '../../employer-side';
import { needContexts } from '../need-context';
import { ProposalPage, proposalView } from '../proposal.view';
import { ListProposalsQuery } from './list-proposals.query';

@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly employerSide: EmployerSide,
    private readonly readModels: ReadModelReader,
  ) {}

  async execute({ filter, viewer }: ListProposalsQuery): Promise<ProposalPage> {
    const em = this.dataSource.manager;
    // Coordinators read every proposal; the employer's side only those for its own needs.
    const needIds = viewer.coordinatorArea === null ? await this.employerSide.needIds(em, viewer) : undefined;
    if (needIds?.length === 0) return { items: [], total: 0 };
    const { items, total } = await this.proposals.list(em, { ...filter, needIds });
    const contexts = await needContexts(em, this.readModels, items);
    return { items: items.map((p) => proposalView(p, contexts.get(p.needId))), total };
  }
}
