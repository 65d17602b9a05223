import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProposalNotFound } from '../../../domain/proposal.errors';
import { ProposalRepository } from '../../../domain/proposal.repository';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { EmployerSide } from '../../employer-side';
import { needContexts } from '../need-context';
import { proposalView, ProposalView } from '../proposal.view';
import { GetProposalQuery } from './get-proposal.query';

@QueryHandler(GetProposalQuery)
export class GetProposalHandler implements IQueryHandler<GetProposalQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly employerSide: EmployerSide,
    private readonly readModels: ReadModelReader,
  ) {}

  async execute({ proposalId, viewer }: GetProposalQuery): Promise<ProposalView> {
    const em = this.dataSource.manager;
    const proposal = await this.proposals.findById(em, proposalId);
    if (!proposal) throw new ProposalNotFound(proposalId);
    // Coordinators read every proposal; the employer's side only those for its own needs.
    if (!viewer.unrestricted && viewer.coordinatorArea === null && !(await this.employerSide.owns(em, proposal.needId, viewer))) {
      throw new ProposalNotFound(proposalId);
    }
    return proposalView(proposal, (await needContexts(em, this.readModels, [proposal])).get(proposal.needId));
  }
}
