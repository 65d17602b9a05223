import { Module } from '@nestjs/common';
import { ReleaseRepository } from '../releases/release.repository';
import { ProjectEventHandler } from './application/commands/project-event/project-event.handler';
import { OutcomesReportHandler, ReleasedMonthsHandler } from './application/queries/outcomes-report/outcomes-report.handler';
import { OutcomeProjectionRepository } from './domain/outcome-projection.repository';
import { PostgresOutcomeProjectionRepository } from './infrastructure/postgres-outcome-projection.repository';
import { OutcomesController } from './interface/http/outcomes.controller';
import { OutcomeEventsConsumer } from './interface/messaging/outcome-events.consumer';

@Module({
  controllers: [OutcomesController, OutcomeEventsConsumer],
  providers: [
    { provide: OutcomeProjectionRepository, useClass: PostgresOutcomeProjectionRepository },
    ReleaseRepository,
    ProjectEventHandler,
    OutcomesReportHandler,
    ReleasedMonthsHandler,
  ],
  exports: [OutcomeProjectionRepository, ReleaseRepository],
})
export class OutcomesModule {}
