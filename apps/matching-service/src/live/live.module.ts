import { DynamicModule, Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { LIVE_DATABASE_URL, ProposalChangeListener } from './infrastructure/proposal-change.listener';
import { ReviewQueueEventsController } from './interface/http/review-queue-events.controller';

/** The review queue's live channel: proposal changes from the database's notifications, as server-sent events. */
@Module({})
export class LiveModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: LiveModule,
      // The review queue's page cache, dropped by each announced change before it is sent on.
      imports: [ProposalsModule],
      controllers: [ReviewQueueEventsController],
      providers: [{ provide: LIVE_DATABASE_URL, useValue: databaseUrl }, ProposalChangeListener],
    };
  }
}
