import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { ServiceName } from '@jobbspar/contracts';
import { Clock, JsonLogger } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { EventConsumerServer } from './consumer/event-consumer.server';
import { Inbox } from './inbox/inbox';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';
import { EventTransport } from './transport/event-transport';
import { InProcessTransport } from './transport/in-process.transport';
import { KafkaTransport } from './transport/kafka.transport';

export interface MessagingOptions {
  /** The service: the producer of what it publishes and the consumer name of its inbox and dead-letter topic. */
  service: ServiceName;
  schema: string;
  topicPrefix: string;
  /** Prefix for consumer-group ids, so test suites and replays get groups of their own. */
  groupPrefix: string;
  /** Kafka brokers; absent means the in-process transport of the embedded default. */
  kafkaBrokers?: string[];
  relayPollMs?: number;
  /** One consuming replica at a time, the others on standby (EventConsumerOptions.exclusive). */
  exclusiveConsumer?: boolean;
  /** Partitions whose batches the consumer may apply at once (EventConsumerOptions.concurrentPartitions). */
  concurrentPartitions?: number;
  /** Messages per batch at most (EventConsumerOptions.maxBatch). */
  maxBatch?: number;
  /** KafkaTransportOptions.requestTimeoutMs (the fault suite's fast run). */
  kafkaRequestTimeoutMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

export function createTransport(options: Pick<MessagingOptions, 'service' | 'kafkaBrokers' | 'kafkaRequestTimeoutMs'>): EventTransport {
  return options.kafkaBrokers
    ? new KafkaTransport({
        brokers: options.kafkaBrokers,
        clientId: options.service,
        requestTimeoutMs: options.kafkaRequestTimeoutMs,
        logger: new JsonLogger('kafka', { service: options.service }),
      })
    : new InProcessTransport();
}

/** Starts the relay once the app is up and stops it before the database goes away. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: EVENT_TRANSPORT, useFactory: () => createTransport(options) },
        {
          provide: Outbox,
          inject: [{ token: Clock, optional: true }],
          useFactory: (clock?: Clock) => new Outbox(options.service, options.schema, clock),
        },
        { provide: Inbox, useFactory: () => new Inbox(options.schema) },
        {
          provide: OutboxRelay,
          inject: [DataSource, EVENT_TRANSPORT],
          useFactory: (dataSource: DataSource, transport: EventTransport) =>
            new OutboxRelay(dataSource, transport, {
              service: options.service,
              schema: options.schema,
              topicPrefix: options.topicPrefix,
              pollMs: options.relayPollMs,
            }),
        },
        {
          provide: EventConsumerServer,
          inject: [DataSource, EVENT_TRANSPORT],
          useFactory: (dataSource: DataSource, transport: EventTransport) =>
            new EventConsumerServer(dataSource, transport, {
              consumer: options.service,
              groupId: `${options.groupPrefix}${options.service}`,
              schema: options.schema,
              topicPrefix: options.topicPrefix,
              exclusive: options.exclusiveConsumer,
              concurrentPartitions: options.concurrentPartitions,
              maxBatch: options.maxBatch,
            }),
        },
        MessagingLifecycle,
      ],
      exports: [MESSAGING_OPTIONS, EVENT_TRANSPORT, Outbox, Inbox, OutboxRelay, EventConsumerServer],
    };
  }
}
