import { ArgumentsHost, Catch, INestApplication, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { CONTRACTS, physicalTopic } from '@jobbspar/contracts';
import { asService, inConsumerSpan, JsonLogger } from '@jobbspar/platform';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { EventTransport, Subscription } from '../transport/event-transport';
import { ConsumerLease } from './consumer-lease';
import { EventPipeline } from './event-pipeline';
import { ReceivedEvent } from './received-event';

export interface EventConsumerOptions {
  /** Names the consumer group, the inbox's consumer and the dead-letter topic. */
  consumer: string;
  groupId: string;
  schema: string;
  topicPrefix: string;
  /**
   * One consuming replica at a time (a lease in the database): the others stand by and take over when it dies.
   * For a service whose work must not run on two replicas at once (matching's one assignment).
   */
  exclusive?: boolean;
  /** Partitions whose batches may be applied at once (SubscribeOptions.concurrentPartitions; default 1). */
  concurrentPartitions?: number;
  /** Messages per batch at most (SubscribeOptions.maxBatch; default MAX_BATCH). */
  maxBatch?: number;
}

/**
 * A NestJS transport strategy over our EventTransport: handlers are plain `@EventPattern(Topics.needs)` methods in
 * the service's consumers, and every message reaches them through the EventPipeline (validation, inbox,
 * retries, dead letters), a transport batch in one transaction. The same class serves Kafka and the in-process log.
 */
export class EventConsumerServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private subscription?: Subscription;
  private lease?: ConsumerLease;
  private readonly traced = new Map<string, Record<string, string>>();
  private pipeline?: EventPipeline;
  private readonly log = new JsonLogger('consumer');
  /** Each topic's handler, looked up once: Nest's lookup normalises the pattern on every call (3–7% of a consume profile). */
  private readonly handlers = new Map<string, ReturnType<Server['getHandlerByPattern']>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly options: EventConsumerOptions,
  ) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      const topics = [...this.getHandlers().keys()];
      this.pipeline = new EventPipeline({
        ...this.options,
        dataSource: this.dataSource,
        transport: this.transport,
        registry: CONTRACTS,
        dispatch: (topic, event) => this.dispatch(topic, event),
      });
      const pipeline = this.pipeline;
      const consume = async (): Promise<void> => {
        this.subscription = await this.transport.subscribe(
          this.options.groupId,
          topics.map((t) => physicalTopic(this.options.topicPrefix, t)),
          // A consumer applies events as the service itself, explicitly (row-level security: every row of its schema).
          async (batch) => {
            // Each event's record headers, for its consumer span (a child of the producer's, by traceparent).
            for (const m of batch) if (m.headers.traceparent && m.headers['event-id']) this.traced.set(m.headers['event-id'], m.headers);
            try {
              await asService(this.options.consumer, () => pipeline.processBatch(batch));
            } finally {
              for (const m of batch) if (m.headers['event-id']) this.traced.delete(m.headers['event-id']);
            }
          },
          { concurrentPartitions: this.options.concurrentPartitions, maxBatch: this.options.maxBatch },
        );
        this.log.write('info', 'consuming', { consumer: this.options.consumer, group: this.options.groupId, topics });
      };
      if (topics.length > 0 && this.options.exclusive) {
        this.lease = new ConsumerLease({
          databaseUrl: (this.dataSource.options as { url?: string }).url ?? '',
          name: this.options.groupId,
          acquired: consume,
          lost: () => this.unsubscribe(),
        });
        await this.lease.start();
      } else if (topics.length > 0) await consume();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async dispatch(topic: string, event: ReceivedEvent): Promise<void> {
    if (!this.handlers.has(topic)) this.handlers.set(topic, this.getHandlerByPattern(topic));
    const handler = this.handlers.get(topic);
    if (!handler) return;
    const { eventId, type } = event.envelope;
    await inConsumerSpan(topic, this.traced.get(eventId), { 'messaging.message.id': eventId, 'event.type': type }, async () => {
      const result = await handler(event);
      const stream = this.transformToObservable(result) as Observable<unknown>;
      await lastValueFrom(stream, { defaultValue: undefined });
    });
  }

  async close(): Promise<void> {
    this.pipeline?.stop();
    await this.lease?.stop();
    await this.unsubscribe();
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  on(): void {
    // No transport-level events to expose.
  }

  unwrap<T>(): T {
    return this.transport as T;
  }
}

/**
 * Nest's default RPC filter swallows a handler's error into a generic object; the pipeline needs the error itself
 * to tell a permanent rejection (dead-letter) from an outage (retry).
 */
@Catch()
export class RethrowEventErrorsFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Makes an HTTP app hybrid: initialises it, then consumes its topics through the given strategy. */
export async function connectEventConsumer(app: INestApplication, server: EventConsumerServer): Promise<void> {
  // Nest 12 registers a connected microservice's listeners at once unless initialisation is deferred, and a filter
  // added after that is ignored ("registration must occur before initialization"): every handler error would then
  // reach the pipeline as a generic "Internal server error", and a permanent one would be retried as unknown.
  const microservice = app.connectMicroservice({ strategy: server }, { inheritAppConfig: false, deferInitialization: true });
  microservice.useGlobalFilters(new RethrowEventErrorsFilter());
  // The HTTP app runs the lifecycle hooks of the shared container; the microservice must not run them a second time.
  (microservice as unknown as { setIsInitHookCalled(called: boolean): void }).setIsInitHookCalled(true);
  // Consume only once the app is initialised: CQRS registers the command handlers the consumers run in
  // onApplicationBootstrap, and a backlog waiting at start would otherwise fail as "no handler" until its few
  // attempts for an unknown error ran out and it was dead-lettered.
  try {
    await app.init();
    await app.startAllMicroservices();
  } catch (error) {
    // The relay started with init: a start that fails here (no broker, say) must not leave it running.
    await app.close().catch(() => undefined);
    throw error;
  }
}
