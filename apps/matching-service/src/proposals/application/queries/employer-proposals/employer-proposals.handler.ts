import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { EmployerSide } from '../../employer-side';
import { employerProposalView, EmployerProposalView } from '../employer-proposal.view';
import { needContexts } from '../need-context';
import { GetEmployerProposalQuery, ListEmployerProposalsQuery } from './employer-proposals.query';

@QueryHandler(GetEmployerProposalQuery)
export class GetEmployerProposalHandler implements IQueryHandler<GetEmployerProposalQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employerSide: EmployerSide,
    private readonly readModels: ReadModelReader,
  ) {}

  async execute({ proposalId, viewer }: GetEmployerProposalQuery): Promise<EmployerProposalView> {
    const em = this.dataSource.manager;
    const { proposal, need } = await this.employerSide.proposal(em, proposalId, viewer);
    const [candidate] = await this.readModels.candidates(em, [proposal.candidateId]);
    return employerProposalView(proposal, need, candidate, (await needContexts(em, this.readModels, [proposal])).get(proposal.needId));
  }
}

@QueryHandler(ListEmployerProposalsQuery)
export class ListEmployerProposalsHandler implements IQueryHandler<ListEmployerProposalsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly employerSide: EmployerSide,
    private readonly readModels: ReadModelReader,
  ) {}

  async execute({ viewer, filter }: ListEmployerProposalsQuery): Promise<{ items: EmployerProposalView[]; total: number }> {
    const em = this.dataSource.manager;
    const needIds = await this.employerSide.needIds(em, viewer);
    if (needIds?.length === 0) return { items: [], total: 0 };
    const { items, total } = await this.proposals.list(em, { ...filter, needIds, employerSide: true });
    const needs = new Map((await this.readModels.needs(em, [...new Set(items.map((p) => p.needId))])).map((n) => [n.needId, n]));
    const candidates = new Map(
      (await this.readModels.candidates(em, [...new Set(items.map((p) => p.candidateId))])).map((c) => [c.candidateId, c]),
    );
    const contexts = await needContexts(em, this.readModels, items);
    return {
      items: items.map((p) => employerProposalView(p, needs.get(p.needId), candidates.get(p.candidateId), contexts.get(p.needId))),
      total,
    };
  }
}
