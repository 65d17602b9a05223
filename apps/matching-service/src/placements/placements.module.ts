import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { EndPlacementHandler } from './application/commands/end-placement/end-placement.handler';
import { RecordFollowUpHandler } from './application/commands/record-follow-up/record-follow-up.handler';
import { ConfirmProposalHandler } from './application/commands/confirm-proposal/confirm-proposal.handler';
import { PlacementLedger } from './application/placement-ledger';
import { PlacementAccess } from './application/placement-access';
import { DueFollowUpsHandler } from './application/queries/due-follow-ups/due-follow-ups.handler';
import { GetPlacementHandler } from './application/queries/get-placement/get-placement.handler';
import { ListPlacementsHandler } from './application/queries/list-placements/list-placements.handler';
import { PlacementRepository } from './domain/placement.repository';
import { PostgresPlacementRepository } from './infrastructure/postgres-placement.repository';
import { PlacementsController } from './interface/http/placements.controller';

/**
 * matching.placements and matching.follow_ups: start (the employer confirms an accepted proposal), end, follow up,
 * and the lists by need, employer, candidate and area, with the follow-up worklist.
 */
@Module({
  imports: [ProposalsModule, ReadModelsModule],
  controllers: [PlacementsController],
  providers: [
    { provide: PlacementRepository, useClass: PostgresPlacementRepository },
    PlacementLedger,
    PlacementAccess,
    ConfirmProposalHandler,
    EndPlacementHandler,
    RecordFollowUpHandler,
    GetPlacementHandler,
    ListPlacementsHandler,
    DueFollowUpsHandler,
  ],
  exports: [PlacementLedger],
})
export class PlacementsModule {}
