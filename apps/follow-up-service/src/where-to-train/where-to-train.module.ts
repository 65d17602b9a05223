import { Module } from '@nestjs/common';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { WhereToTrainHandler } from './application/queries/where-to-train/where-to-train.handler';
import { WhereToTrainController } from './interface/http/where-to-train.controller';

@Module({ imports: [OutcomesModule], controllers: [WhereToTrainController], providers: [WhereToTrainHandler] })
export class WhereToTrainModule {}
