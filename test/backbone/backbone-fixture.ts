import { Body, Controller, Module, Post } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { TypeOrmModule, InjectDataSource } from '@nestjs/typeorm';
import { EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import {
  connectEventConsumer,
  createMessagingTables,
  EventConsumerServer,
  isEvent,
  MessagingModule,
  Outbox,
  PermanentEventError,
  ReceivedEvent,
} from '@jobbspar/messaging';
import { createServiceApp, DomainError, openServiceDatabase, ServiceConfig } from '@jobbspar/platform';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two tiny apps that exercise the backbone with a real contract (EmployerRegistered): a producer that writes a row
 * and its event in one transaction, and a consumer in another schema that records what it applied.
 */
class Rejected extends DomainError<'REJECTED'> {
  readonly code = 'REJECTED' as const;
}

class ProducerSchema1763900000001 implements MigrationInterface {
  name = 'ProducerSchema1763900000001';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'bb_producer');
    await q.query(`CREATE TABLE bb_producer.things (id uuid PRIMARY KEY, name text NOT NULL, seq int NOT NULL)`);
  }
  async down(): Promise<void> {}
}

class ConsumerSchema1763900000001 implements MigrationInterface {
  name = 'ConsumerSchema1763900000001';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'bb_consumer');
    await q.query(
      `CREATE TABLE bb_consumer.received (id bigserial PRIMARY KEY, event_id uuid NOT NULL, aggregate_id text NOT NULL, name text NOT NULL)`,
    );
  }
  async down(): Promise<void> {}
}

export const FLAKY_FAILURES = new Map<string, number>();

@Controller('things')
class ThingsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** Writes a row and its event; `fail` rolls both back after the event was appended. */
  @Post()
  async create(@Body() body: { name: string; aggregateId?: string; seq?: number; fail?: boolean }): Promise<{ id: string }> {
    const id = body.aggregateId ?? randomUUID();
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO bb_producer.things (id, name, seq) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = $2, seq = $3`,
        [id, body.name, body.seq ?? 0],
      );
      await this.outbox.append(
        em,
        EmployerRegisteredV1,
        {
          employerId: id,
          organisationNumber: '556036-0793',
          name: body.name,
          sector: 'private',
          municipalityCode: '1283',
          isMunicipality: false,
        },
        { tenant: 'se-12', aggregateId: id, aggregateVersion: body.seq ?? 1, actor: 'test:producer' },
      );
      if (body.fail) throw new Rejected('rolled back on purpose');
    });
    return { id };
  }
}

@Controller()
class ThingsConsumer {
  @EventPattern(Topics.employers)
  async onEmployer(event: ReceivedEvent): Promise<void> {
    if (!isEvent(event, EmployerRegisteredV1)) return;
    const { name } = event.payload;
    if (name === 'poison') throw new PermanentEventError('poison pill rejected by the handler');
    // A value the database cannot take: PostgreSQL's error message quotes it.
    if (name.startsWith('cast:')) await event.em.query('SELECT $1::uuid', [name.slice('cast:'.length)]);
    if (name.startsWith('flaky')) {
      const failures = FLAKY_FAILURES.get(event.envelope.eventId) ?? 0;
      if (failures < 2) {
        FLAKY_FAILURES.set(event.envelope.eventId, failures + 1);
        throw new Error('temporarily unavailable');
      }
    }
    await event.em.query(`INSERT INTO bb_consumer.received (event_id, aggregate_id, name) VALUES ($1, $2, $3)`, [
      event.envelope.eventId,
      event.envelope.aggregateId,
      name,
    ]);
  }
}

function fixtureModule(config: ServiceConfig, role: 'producer' | 'consumer', kafkaRequestTimeoutMs?: number): object {
  const schema = role === 'producer' ? 'bb_producer' : 'bb_consumer';
  @Module({
    imports: [
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ type: 'postgres' }),
        dataSourceFactory: () =>
          openServiceDatabase({
            url: config.databaseUrl,
            schema,
            entities: [],
            migrations: [role === 'producer' ? ProducerSchema1763900000001 : ConsumerSchema1763900000001],
          }),
      }),
      MessagingModule.forService({
        // The producer publishes an employer-service contract; the consumer stands for a service that reads it.
        service: role === 'producer' ? 'employer-service' : 'candidate-service',
        schema,
        topicPrefix: config.topicPrefix,
        groupPrefix: `${config.groupPrefix}${role}.`,
        kafkaBrokers: config.kafkaBrokers,
        kafkaRequestTimeoutMs,
        relayPollMs: 20,
      }),
    ],
    controllers: role === 'producer' ? [ThingsController] : [ThingsConsumer],
  })
  class FixtureModule {}
  return FixtureModule;
}

/**
 * `beforeConnect` runs once the app exists and before it subscribes: the fault suite wraps its transport there.
 * `kafkaRequestTimeoutMs` shortens kafkajs' request timeout (the network scenario's fast blackhole).
 */
export async function startFixtureApp(
  config: ServiceConfig,
  role: 'producer' | 'consumer',
  hooks: { beforeConnect?: (app: INestApplication) => void; kafkaRequestTimeoutMs?: number } = {},
): Promise<INestApplication> {
  const app = await createServiceApp(fixtureModule(config, role, hooks.kafkaRequestTimeoutMs), {
    name: `bb-${role}`,
    description: 'backbone fixture',
    errorStatuses: { REJECTED: 422 },
    auth: config.auth,
    limits: config.limits,
    // The fixture's one route, for anyone logged in: what is under test here is the backbone, not access.
    policy:
      role === 'producer'
        ? { ThingsController_create: { roles: ['employer', 'supervisor', 'municipal-hr', 'coordinator', 'analyst', 'admin'] } }
        : {},
  });
  hooks.beforeConnect?.(app);
  await connectEventConsumer(app, app.get(EventConsumerServer));
  await app.init();
  return app;
}
