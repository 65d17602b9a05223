import { Module } from '@nestjs/common';
import { SCHEMA } from '../config/env';
import { ApplyReadModelEventHandler } from './application/commands/apply-read-model-event/apply-read-model-event.handler';
import { ReadModelReader } from './application/read-model.reader';
import { ReadModelProjector } from './infrastructure/read-model.projector';
import { ReadModelRepository } from './domain/read-model.repository';
import { PostgresReadModelRepository } from './infrastructure/postgres-read-model.repository';
import { ReadModelConsumer } from './interface/messaging/read-model.consumer';

/**
 * The read models built from employer and candidate events (needs, need_tasks, candidates, validations,
 * candidate_task_levels): the consumer, the translation from contracts, the projection, and the reader the rest of
 * the service uses. Only the projector writes these tables.
 */
@Module({
  controllers: [ReadModelConsumer],
  providers: [
    { provide: ReadModelRepository, useFactory: () => new PostgresReadModelRepository(SCHEMA) },
    { provide: ReadModelProjector, inject: [ReadModelRepository], useFactory: (repo: ReadModelRepository) => new ReadModelProjector(repo) },
    ReadModelReader,
    ApplyReadModelEventHandler,
  ],
  exports: [ReadModelReader],
})
export class ReadModelsModule {}
