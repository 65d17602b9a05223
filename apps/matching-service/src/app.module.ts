import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_TRANSPORT, EventTransport, MessagingModule } from '@jobbspar/messaging';
import { HEALTH_CHECKS, HealthModule, openServiceDatabase } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { MatchingConfig, matchingSettings, SCHEMA, SERVICE_NAME } from './config/env';
import { ENTITIES } from './database/entities';
import { MIGRATIONS } from './database/migrations';
import { MatchingModule } from './matching/matching.module';
import { ReadModelsModule } from './read-models/read-models.module';

/** Paths this service answers under; the one-process composition routes them here. */
export const MATCHING_ROUTES = ['/matching'] as const;

@Module({})
export class MatchingAppModule {
  static forRoot(config: MatchingConfig): DynamicModule {
    return {
      module: MatchingAppModule,
      // HealthModule's controller injects HEALTH_CHECKS, which only a global module can hand it from here.
      global: true,
      exports: [HEALTH_CHECKS],
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' }),
          dataSourceFactory: () =>
            openServiceDatabase({ url: config.databaseUrl, schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS }),
        }),
        MessagingModule.forService({
          service: SERVICE_NAME,
          schema: SCHEMA,
          topicPrefix: config.topicPrefix,
          groupPrefix: config.groupPrefix,
          kafkaBrokers: config.kafkaBrokers,
        }),
        HealthModule,
        MatchingModule.forRoot(matchingSettings(config)),
        ReadModelsModule,
      ],
      providers: [
        {
          provide: HEALTH_CHECKS,
          inject: [DataSource, EVENT_TRANSPORT],
          useFactory: (dataSource: DataSource, transport: EventTransport) => ({
            database: async () => (await dataSource.query('SELECT 1 AS ok'))[0].ok === 1,
            transport: () => transport.healthy(),
          }),
        },
      ],
    };
  }
}
