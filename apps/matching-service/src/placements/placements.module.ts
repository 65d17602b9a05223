import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { EndPlacementHandler } from './application/commands/end-placement/end-placement.handler';
import { RecordFollowUpHandler } from './application/commands/record-follow-up/record-follow-up.handler';
import { StartPlacementHandler } from './application/commands/start-placement/start-placement.handler';
import { PlacementLedger } from './application/placement-ledger';
import { GetPlacementHandler } from './application/queries/get-placement/get-placement.handler';
import { PlacementRepository } from './domain/placement.repository';
import { PostgresPlacementRepository } from './infrastructure/postgres-placement.repository';
import { PlacementsController } from './interface/http/placements.controller';

/** matching.placements and matching.follow_ups: start (from an accepted proposal), end, follow up. */
@Module({
  imports: [ProposalsModule, ReadModelsModule],
  controllers: [PlacementsController],
  providers: [
    { provide: PlacementRepository, useClass: PostgresPlacementRepository },
    PlacementLedger,
    StartPlacementHandler,
    EndPlacementHandler,
    RecordFollowUpHandler,
    GetPlacementHandler,
  ],
  exports: [PlacementLedger],
})
export class PlacementsModule {}
