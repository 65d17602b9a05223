import { DynamicModule, Global, Module } from '@nestjs/common';
import type { FollowUpSettings } from '../config/env';
import { FOLLOW_UP_SETTINGS } from './settings';

@Global()
@Module({})
export class CommonModule {
  static withSettings(settings: FollowUpSettings): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: FOLLOW_UP_SETTINGS, useValue: settings }],
      exports: [FOLLOW_UP_SETTINGS],
    };
  }
}
