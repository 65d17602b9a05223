/**
 * The backbone with nothing behind it: a Nest app built like every service (createServiceApp, MessagingModule,
 * EventConsumerServer on Kafka) whose only handler does nothing. What it sustains is the ceiling our transport,
 * pipeline (decode, validate) and inbox put on any consumer.
 */
import { Controller, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Topics } from '@jobbspar/contracts';
import { connectEventConsumer, createMessagingTables, EventConsumerServer, MessagingModule, type ReceivedEvent } from '@jobbspar/messaging';
import { createServiceApp, openServiceDatabase, DEFAULT_AUDIENCE } from '@jobbspar/platform';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Infra, RunningService } from './support';

export const NOOP_SCHEMA = 'bench_noop';

class NoopSchema1764200000000 implements MigrationInterface {
  name = 'NoopSchema1764200000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, NOOP_SCHEMA);
  }
  async down(): Promise<void> {}
}

@Controller()
class NoopConsumer {
  @EventPattern(Topics.candidates)
  async onCandidateEvent(_event: ReceivedEvent): Promise<void> {
    // Nothing: the inbox row is the whole effect.
  }
}

export async function startNoopService(infra: Infra, databaseUrl: string, prefix: string): Promise<RunningService> {
  @Module({
    imports: [
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ type: 'postgres' }),
        dataSourceFactory: () =>
          openServiceDatabase({ url: databaseUrl, schema: NOOP_SCHEMA, entities: [], migrations: [NoopSchema1764200000000] }),
      }),
      MessagingModule.forService({
        // It stands for matching-service reading the candidate stream: same contracts, same checks.
        service: 'matching-service',
        schema: NOOP_SCHEMA,
        topicPrefix: prefix,
        groupPrefix: `${prefix}noop.`,
        kafkaBrokers: infra.brokers,
      }),
    ],
    controllers: [NoopConsumer],
  })
  class NoopModule {}
  const app = await createServiceApp(NoopModule, {
    name: 'bench-noop',
    description: 'no-op consumer',
    errorStatuses: {},
    // Events only, no HTTP: no token is ever checked, so the issuer is never contacted; no routes, no rules.
    auth: { issuer: 'http://127.0.0.1:9/unused', audience: DEFAULT_AUDIENCE },
    policy: {},
  });
  await connectEventConsumer(app, app.get(EventConsumerServer));
  await app.init();
  return { app, dataSource: app.get(DataSource), close: () => app.close() };
}
