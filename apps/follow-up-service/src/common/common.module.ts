import { DynamicModule, Global, Module } from '@nestjs/common';
import type { FollowUpSettings } from '../config/env';
import { Clock, SystemClock } from './clock';
import { FOLLOW_UP_SETTINGS } from './settings';

@Global()
@Module({})
export class CommonModule {
  static withSettings(settings: FollowUpSettings, now?: () => Date): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        now ? { provide: Clock, useValue: { now } satisfies Clock } : { provide: Clock, useClass: SystemClock },
        { provide: FOLLOW_UP_SETTINGS, useValue: settings },
      ],
      exports: [Clock, FOLLOW_UP_SETTINGS],
    };
  }
}
