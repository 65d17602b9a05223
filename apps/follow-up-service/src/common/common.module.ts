import { DynamicModule, Global, Module } from '@nestjs/common';
import { ServiceTokenSource } from '@jobbspar/platform';
import type { FollowUpSettings } from '../config/env';
import { FOLLOW_UP_SETTINGS } from './settings';

@Global()
@Module({})
export class CommonModule {
  static withSettings(settings: FollowUpSettings, tokens: ServiceTokenSource): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: FOLLOW_UP_SETTINGS, useValue: settings },
        // The service's own identity, for candidate-service's protected aggregates (client credentials).
        { provide: ServiceTokenSource, useValue: tokens },
      ],
      exports: [FOLLOW_UP_SETTINGS, ServiceTokenSource],
    };
  }
}
