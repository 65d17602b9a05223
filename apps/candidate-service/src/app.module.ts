import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceInfrastructureModule } from '@jobbspar/messaging';
import { ClockModule } from '@jobbspar/platform';
import { CandidatesModule } from './candidates/candidates.module';
import { ErasureModule } from './candidates/erasure.module';
import { CandidateConfig, developmentMasterKey, SCHEMA, SERVICE_NAME } from './config/env';
import { ENTITIES } from './database/entities';
import { MIGRATIONS } from './database/migrations';
import { InternshipsModule } from './internships/internships.module';
import { JobTrackModule } from './job-track/job-track.module';
import { PrivacyModule } from './privacy/privacy.module';
import { StatisticsModule } from './statistics/statistics.module';

/** Paths this service answers under; the one-process composition routes them here. */
export const CANDIDATE_ROUTES = [
  '/candidates',
  '/internships',
  '/assessments',
  '/validations',
  '/statistics/follow-up',
  '/statistics/equal-distribution',
  '/audit/candidate-service',
] as const;

@Module({})
export class CandidateAppModule {
  static forRoot(config: CandidateConfig): DynamicModule {
    return {
      module: CandidateAppModule,
      imports: [
        CqrsModule.forRoot(),
        ServiceInfrastructureModule.forService({
          service: SERVICE_NAME,
          schema: SCHEMA,
          config,
          entities: ENTITIES,
          migrations: MIGRATIONS,
          rowLevelSecurity: true,
        }),
        ClockModule.using(config.clock),
        PrivacyModule.forRoot(config.masterKey ?? developmentMasterKey()),
        CandidatesModule,
        InternshipsModule,
        JobTrackModule,
        StatisticsModule,
        ErasureModule,
      ],
    };
  }
}
