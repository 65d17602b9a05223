import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { PreviewSupplyHandler } from './application/queries/preview-supply/preview-supply.handler';
import { SupplyController } from './interface/http/supply.controller';

/** Supply questions about roles not posted yet (the role designer's preview); reads the read models, writes nothing. */
@Module({
  imports: [ReadModelsModule],
  controllers: [SupplyController],
  providers: [PreviewSupplyHandler],
})
export class SupplyModule {}
