import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  asService,
  AuditLog,
  auditLogController,
  HEALTH_CHECKS,
  HealthModule,
  IdempotencyInterceptor,
  IdempotencyRecords,
  openServiceDatabase,
  ReadinessGate,
  ServiceConfig,
  ServiceDatabaseOptions,
} from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { EVENT_TRANSPORT, MessagingModule, MessagingOptions } from './messaging.module';
import { EventTransport } from './transport/event-transport';
import { ErasureTags } from './erasure/erasure-tags';

export interface ServiceInfrastructureOptions {
  service: MessagingOptions['service'];
  schema: string;
  config: ServiceConfig;
  entities: ServiceDatabaseOptions['entities'];
  migrations: ServiceDatabaseOptions['migrations'];
  /** One consuming replica at a time (MessagingOptions.exclusiveConsumer). */
  exclusiveConsumer?: boolean;
  /** Partitions whose batches the consumer may apply at once (MessagingOptions.concurrentPartitions). */
  concurrentPartitions?: number;
  /** Messages per batch at most (MessagingOptions.maxBatch). */
  maxBatch?: number;
  /**
   * Connect as the service's own login role under row-level security (libs/platform row-level-security.ts), with
   * DATABASE_URL the owner's for migrations. Off only for the test and bench services of libs/messaging.
   */
  rowLevelSecurity?: boolean;
}

/**
 * What every service stands on: its own schema (migrated at start-up), the outbox/relay/consumer of its messaging,
 * and /health probing both. Global, so the health controller and every feature module reach them.
 */
@Module({})
export class ServiceInfrastructureModule {
  static forService(options: ServiceInfrastructureOptions): DynamicModule {
    const { config } = options;
    return {
      module: ServiceInfrastructureModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' }),
          dataSourceFactory: () =>
            openServiceDatabase({
              url: config.databaseUrl,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              rowLevelSecurity: options.rowLevelSecurity ? { service: options.service, serviceUrl: config.databaseServiceUrl } : undefined,
            }),
        }),
        MessagingModule.forService({
          service: options.service,
          schema: options.schema,
          topicPrefix: config.topicPrefix,
          groupPrefix: config.groupPrefix,
          kafkaBrokers: config.kafkaBrokers,
          exclusiveConsumer: options.exclusiveConsumer,
          concurrentPartitions: options.concurrentPartitions,
          maxBatch: options.maxBatch,
        }),
        HealthModule,
      ],
      // GET /audit/<service>: the admins' view of the service's audit log (libs/platform audit/).
      controllers: [auditLogController(options.service)],
      providers: [
        ReadinessGate,
        // Every command and every read of personal data, in the service's own audit_log table.
        {
          provide: AuditLog,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new AuditLog(dataSource, options.schema, options.service),
        },
        // Every service's writes take an Idempotency-Key, answered from the service's own idempotency_keys table.
        {
          provide: APP_INTERCEPTOR,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new IdempotencyInterceptor(dataSource, options.schema, options.service),
        },
        // What erasure needs beyond the inbox and outbox: the schema's tombstone tags and its recorded responses.
        { provide: ErasureTags, useValue: new ErasureTags(options.schema) },
        { provide: IdempotencyRecords, useValue: new IdempotencyRecords(options.schema, options.service) },
        {
          provide: HEALTH_CHECKS,
          inject: [DataSource, EVENT_TRANSPORT],
          useFactory: (dataSource: DataSource, transport: EventTransport) => ({
            database: async () => (await asService(options.service, () => dataSource.query('SELECT 1 AS ok')))[0].ok === 1,
            transport: () => transport.healthy(),
          }),
        },
      ],
      exports: [HEALTH_CHECKS, ReadinessGate, AuditLog, ErasureTags, IdempotencyRecords],
    };
  }
}
