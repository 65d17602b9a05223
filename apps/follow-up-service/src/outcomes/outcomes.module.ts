import { Module } from '@nestjs/common';
import { ReleasesModule } from '../releases/releases.module';
import { ProjectEventHandler } from './application/commands/project-event/project-event.handler';
import { OutcomesReportHandler, ReleasedMonthsHandler } from './application/queries/outcomes-report/outcomes-report.handler';
import { OutcomeProjectionRepository } from './domain/outcome-projection.repository';
import { PostgresOutcomeProjectionRepository } from './infrastructure/postgres-outcome-projection.repository';
import { OutcomesController } from './interface/http/outcomes.controller';
import { OutcomeEventsConsumer } from './interface/messaging/outcome-events.consumer';

@Module({
  imports: [ReleasesModule],
  controllers: [OutcomesController, OutcomeEventsConsumer],
  providers: [
    { provide: OutcomeProjectionRepository, useClass: PostgresOutcomeProjectionRepository },
    ProjectEventHandler,
    OutcomesReportHandler,
    ReleasedMonthsHandler,
  ],
  exports: [OutcomeProjectionRepository],
})
export class OutcomesModule {}
