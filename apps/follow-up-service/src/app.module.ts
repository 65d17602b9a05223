import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ServiceInfrastructureModule } from '@jobbspar/messaging';
import { ClockModule, FunctionClock, ServiceTokenSource } from '@jobbspar/platform';
import { CommonModule } from './common/common.module';
import { DEFAULT_SETTINGS, FollowUpConfig, SCHEMA, SERVICE_NAME } from './config/env';
import { ENTITIES } from './database/entities';
import { MIGRATIONS } from './database/migrations';
import { GoalsModule } from './goals/goals.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { EqualDistributionModule } from './equal-distribution/equal-distribution.module';
import { WhereToTrainModule } from './where-to-train/where-to-train.module';

/** Paths this service answers under: everything for the regional analyst is under one prefix. */
export const FOLLOW_UP_ROUTES = ['/follow-up', '/audit/follow-up-service'] as const;

@Module({})
export class FollowUpAppModule {
  static forRoot(config: FollowUpConfig): DynamicModule {
    const settings = {
      ...DEFAULT_SETTINGS,
      ...Object.fromEntries(
        Object.entries(config).filter(([k, v]) => v !== undefined && k in { ...DEFAULT_SETTINGS, candidateServiceUrl: 1 }),
      ),
    };
    return {
      module: FollowUpAppModule,
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
        ClockModule.using(config.clock && new FunctionClock(config.clock)),
        CommonModule.withSettings(settings, new ServiceTokenSource(config.auth)),
        GoalsModule,
        OutcomesModule,
        EqualDistributionModule,
        WhereToTrainModule,
      ],
    };
  }
}
