import { Module } from '@nestjs/common';
import { AssignmentProposals } from './application/assignment-proposals';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AcceptProposalHandler } from './application/commands/accept-proposal/accept-proposal.handler';
import { DeclineProposalHandler } from './application/commands/decline-proposal/decline-proposal.handler';
import { RejectProposalHandler } from './application/commands/reject-proposal/reject-proposal.handler';
import { EmployerSide } from './application/employer-side';
import { ProposalLedger } from './application/proposal-ledger';
import {
  GetEmployerProposalHandler,
  ListEmployerProposalsHandler,
} from './application/queries/employer-proposals/employer-proposals.handler';
import { GetProposalHandler } from './application/queries/get-proposal/get-proposal.handler';
import { ListProposalsHandler } from './application/queries/list-proposals/list-proposals.handler';
import { ReviewQueueHandler } from './application/queries/review-queue/review-queue.handler';
import { ReviewQueuePages } from './domain/review-queue-pages';
import { ProposalRepository } from './domain/proposal.repository';
import { PostgresProposalRepository } from './infrastructure/postgres-proposal.repository';
import { ReviewQueueCache } from './infrastructure/review-queue-cache';
import { ProposalsController } from './interface/http/proposals.controller';

/**
 * matching.proposals: review (accept, reject), the employer's answer (decline here; confirm starts a placement), and
 * the proposal queries. The engine creates and withdraws proposals
 * through AssignmentProposals and reads and places them through ProposalLedger; nothing else writes the table.
 */
@Module({
  imports: [ReadModelsModule],
  controllers: [ProposalsController],
  providers: [
    { provide: ProposalRepository, useClass: PostgresProposalRepository },
    AssignmentProposals,
    ProposalLedger,
    AcceptProposalHandler,
    RejectProposalHandler,
    DeclineProposalHandler,
    EmployerSide,
    GetProposalHandler,
    ListProposalsHandler,
    ReviewQueueHandler,
    ReviewQueueCache,
    { provide: ReviewQueuePages, useExisting: ReviewQueueCache },
    GetEmployerProposalHandler,
    ListEmployerProposalsHandler,
  ],
  // The employer's confirmation starts a placement (placements module): it answers through EmployerSide and saves here.
  exports: [AssignmentProposals, ProposalLedger, EmployerSide, ProposalRepository, ReviewQueuePages],
})
export class ProposalsModule {}
