import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ExplainPairHandler } from './application/queries/explain-pair/explain-pair.handler';
import { WhyController } from './interface/http/why.controller';

/**
 * Why and why not (issue 10, item 7): one answer per candidate × need, from the engine's own parts (PairScorer,
 * Capacities and AssignmentWhatIf come from the global MatchingModule), so it cannot disagree with what matching does.
 */
@Module({
  imports: [ReadModelsModule, ProposalsModule],
  controllers: [WhyController],
  providers: [ExplainPairHandler],
})
export class WhyModule {}
