import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_TRANSPORT, EventTransport, MessagingModule } from '@jobbspar/messaging';
import { HEALTH_CHECKS, HealthModule, openServiceDatabase } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { EmployerConfig, SCHEMA, SERVICE_NAME } from './config/env';
import { ENTITIES } from './database/entities';
import { MIGRATIONS } from './database/migrations';
import { CommonModule } from './common/common.module';
import { EmployersModule } from './employers/employers.module';
import { NeedsModule } from './needs/needs.module';
import { RolesModule } from './roles/roles.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

/** Paths this service answers under; the one-process composition routes them here. */
export const EMPLOYER_ROUTES = ['/employers', '/roles', '/needs', '/taxonomy'] as const;

@Module({})
export class EmployerAppModule {
  static forRoot(config: EmployerConfig): DynamicModule {
    return {
      module: EmployerAppModule,
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
        CommonModule,
        TaxonomyModule,
        EmployersModule,
        RolesModule,
        NeedsModule,
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
