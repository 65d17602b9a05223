import { DynamicModule, Module } from '@nestjs/common';
import { LIVE_DATABASE_URL, ProposalChangeListener } from './infrastructure/proposal-change.listener';
import { ReviewQueueEventsController } from './interface/http/review-queue-events.controller';

/** The review queue's live channel: proposal changes from the database's notifications, as server-sent events. */
@Module({})
export class LiveModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: LiveModule,
      controllers: [ReviewQueueEventsController],
      providers: [{ provide: LIVE_DATABASE_URL, useValue: databaseUrl }, ProposalChangeListener],
    };
  }
}
