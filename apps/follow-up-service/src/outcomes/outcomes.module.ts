import { Module } from '@nestjs/common';
import { ReleaseRepository } from '../releases/release.repository';
import { ProjectEventHandler } from './application/commands/project-event/project-event.handler';
import { OutcomesReportHandler, ReleasedMonthsHandler } from './application/queries/outcomes-report/outcomes-report.handler';
import { OutcomeProjectionRepository } from './infrastructure/outcome-projection.repository';
import { OutcomesController } from './interface/http/outcomes.controller';
import { OutcomeEventsConsumer } from './interface/messaging/outcome-events.consumer';

@Module({
  controllers: [OutcomesController, OutcomeEventsConsumer],
  providers: [OutcomeProjectionRepository, ReleaseRepository, ProjectEventHandler, OutcomesReportHandler, ReleasedMonthsHandler],
  exports: [OutcomeProjectionRepository, ReleaseRepository],
})
export class OutcomesModule {}
