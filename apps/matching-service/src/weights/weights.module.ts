import { Module } from '@nestjs/common';
import { SetWeightsHandler } from './application/commands/set-weights/set-weights.handler';
import { CurrentWeights } from './application/current-weights';
import { GetWeightsHandler } from './application/queries/get-weights/get-weights.handler';
import { WeightsRepository } from './domain/weights.repository';
import { PostgresWeightsRepository } from './infrastructure/postgres-weights.repository';
import { WeightsController } from './interface/http/weights.controller';

/** matching.weights: versioned scoring weights per region; CurrentWeights is what scoring reads. */
@Module({
  controllers: [WeightsController],
  providers: [{ provide: WeightsRepository, useClass: PostgresWeightsRepository }, CurrentWeights, SetWeightsHandler, GetWeightsHandler],
  exports: [CurrentWeights],
})
export class WeightsModule {}
