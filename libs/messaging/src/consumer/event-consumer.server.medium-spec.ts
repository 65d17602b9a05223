import { Controller, INestApplication, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandBus, CommandHandler, CqrsModule, ICommandHandler } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { CandidateErasedV1, createEnvelope, deadLetterTopic, physicalTopic, Topics } from '@jobbspar/contracts';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables } from '../messaging-tables';
import { envelopeHeaders } from '../outbox/outbox-relay';
import { InProcessBroker, InProcessTransport } from '../transport/in-process.transport';
import { connectEventConsumer, EventConsumerServer } from './event-consumer.server';
import { isEvent, type ReceivedEvent } from './received-event';

const SCHEMA = 'consumer_start_spec';
const PREFIX = 'consumer-start-spec.';

class MessagingTables1763900000000 implements MigrationInterface {
  name = 'MessagingTables1763900000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
  }
  async down(): Promise<void> {}
}

class ForgetCommand {
  constructor(readonly candidateId: string) {}
}

const forgotten: string[] = [];

@CommandHandler(ForgetCommand)
class ForgetHandler implements ICommandHandler<ForgetCommand> {
  async execute(command: ForgetCommand): Promise<void> {
    forgotten.push(command.candidateId);
  }
}

/** A consumer as every service writes one: it runs a command, whose handler CQRS registers when the app initialises. */
@Controller()
class ErasureConsumer {
  constructor(private readonly commands: CommandBus) {}

  @EventPattern(Topics.candidates)
  async onCandidateEvent(event: ReceivedEvent): Promise<void> {
    if (isEvent(event, CandidateErasedV1)) await this.commands.execute(new ForgetCommand(event.payload.candidateId));
  }
}

/** Start-up work that outlasts the retries an unknown error gets (about 1.5 s): migrations, warm caches. */
@Injectable()
class SlowStartUp implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }
}

@Module({ imports: [CqrsModule.forRoot()], controllers: [ErasureConsumer], providers: [ForgetHandler, SlowStartUp] })
class SpecModule {}

describe(connectEventConsumer.name, () => {
  let db: MediumDatabase;
  let app: INestApplication | undefined;
  const broker = new InProcessBroker();
  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, migrations: [MessagingTables1763900000000] });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('consumes only once the command handlers are registered: a backlog waiting at start is applied, not dead-lettered', async () => {
    // Events published while the service was down wait on the topic; the consumer reads them the moment it subscribes.
    const backlog = [randomUUID(), randomUUID(), randomUUID()];
    for (const candidateId of backlog) {
      const envelope = createEnvelope(
        CandidateErasedV1,
        { candidateId, erasedAt: '2030-01-01T00:00:00.000Z' },
        { producer: 'candidate-service', tenant: 'se-14', aggregateId: candidateId, aggregateVersion: 1, actor: 'spec' },
      );
      broker.append({
        topic: physicalTopic(PREFIX, Topics.candidates),
        key: candidateId,
        value: JSON.stringify(envelope),
        headers: envelopeHeaders(envelope),
      });
    }

    app = await NestFactory.create(SpecModule, { logger: false });
    const server = new EventConsumerServer(db.dataSource, new InProcessTransport(broker), {
      consumer: 'spec-service',
      groupId: `${PREFIX}spec-service`,
      schema: SCHEMA,
      topicPrefix: PREFIX,
    });
    await connectEventConsumer(app, server);

    const applied = async () => (await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.inbox`))[0].n;
    for (let i = 0; i < 400 && Number(await applied()) < backlog.length; i++) await new Promise((r) => setTimeout(r, 25));
    expect(forgotten).toEqual(backlog);
    expect(Number(await applied())).toBe(backlog.length);
    expect(broker.log(deadLetterTopic(PREFIX, 'spec-service')).messages).toHaveLength(0);
  }, 30_000);
});
