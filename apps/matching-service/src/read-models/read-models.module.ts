import { Module } from '@nestjs/common';
import { ReadModelConsumer } from './interface/messaging/read-model.consumer';

/** Event consumers; the MatchingEngine they feed comes from the global MatchingModule. */
@Module({ controllers: [ReadModelConsumer] })
export class ReadModelsModule {}
