import { Module } from '@nestjs/common';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ReleasesModule } from '../releases/releases.module';
import { EqualDistributionReportHandler } from './application/queries/equal-distribution-report/equal-distribution-report.handler';
import { CandidateStatisticsClient } from './infrastructure/candidate-statistics.client';
import { EqualDistributionController } from './interface/http/equal-distribution.controller';

@Module({
  imports: [OutcomesModule, ReleasesModule],
  controllers: [EqualDistributionController],
  providers: [CandidateStatisticsClient, EqualDistributionReportHandler],
})
export class EqualDistributionModule {}
