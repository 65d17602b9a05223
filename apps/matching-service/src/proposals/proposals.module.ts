import { Module } from '@nestjs/common';
import { AssignmentProposals } from './application/assignment-proposals';
import { AcceptProposalHandler } from './application/commands/accept-proposal/accept-proposal.handler';
import { RejectProposalHandler } from './application/commands/reject-proposal/reject-proposal.handler';
import { ProposalLedger } from './application/proposal-ledger';
import { GetProposalHandler } from './application/queries/get-proposal/get-proposal.handler';
import { ListProposalsHandler } from './application/queries/list-proposals/list-proposals.handler';
import { ProposalRepository } from './domain/proposal.repository';
import { PostgresProposalRepository } from './infrastructure/postgres-proposal.repository';
import { ProposalsController } from './interface/http/proposals.controller';

/**
 * matching.proposals: review (accept, reject) and the proposal queries. The engine creates and withdraws proposals
 * through AssignmentProposals and reads and places them through ProposalLedger; nothing else writes the table.
 */
@Module({
  controllers: [ProposalsController],
  providers: [
    { provide: ProposalRepository, useClass: PostgresProposalRepository },
    AssignmentProposals,
    ProposalLedger,
    AcceptProposalHandler,
    RejectProposalHandler,
    GetProposalHandler,
    ListProposalsHandler,
  ],
  exports: [AssignmentProposals, ProposalLedger],
})
export class ProposalsModule {}
