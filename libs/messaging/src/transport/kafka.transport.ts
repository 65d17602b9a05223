import { Admin, Consumer, Kafka, KafkaMessage, logLevel, PartitionMetadata, Partitioners, Producer } from 'kafkajs';
import { JsonLogger } from '@jobbspar/platform';
import { EventTransport, IncomingMessage, MAX_BATCH, OutgoingMessage, SubscribeOptions, Subscription } from './event-transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  partitions?: number;
  logger?: JsonLogger;
  /**
   * How long a request to the broker may go unanswered (15 s by default). The fault suite's fast run shortens it so
   * that a blackhole of a few seconds makes sends time out, as a 20 s one does at the default.
   */
  requestTimeoutMs?: number;
  /**
   * Idempotent producers, each with one request in flight and owning whole partitions (`lanes`): the outbox relay
   * sends them concurrently. 4 by default.
   */
  producers?: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** The partitioner every producer of ours and the Java client use (murmur2 of the key): a key's partition. */
const partitioner = Partitioners.DefaultPartitioner();

const KAFKA_LOG_LEVEL: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'debug',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs behind the transport seam. Each producer is idempotent with one request in flight, so a retried send
 * cannot reorder messages of one key; sends are batched by the outbox relay (awaiting single sends caps near 2k/s).
 * Several producers (lanes) each own whole partitions, so they may send at the same time and a key's messages still
 * go through one of them in order: a lane per (topic, partition), dealt out to the producers as partitions appear.
 */
export class KafkaTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly logger: JsonLogger;
  private readonly producers: (Promise<Producer> | undefined)[];
  private admin?: Promise<Admin>;
  /** Topics known to exist, and their partitions (the partitioner needs their count). */
  private readonly knownTopics = new Map<string, PartitionMetadata[]>();
  /** The lane of each `topic\u0000partition` seen so far: dealt out in turn, fixed for the transport's life. */
  private readonly laneOfPartition = new Map<string, number>();
  /** Each running consumer and what marks it stopped (no restart after a crash). */
  private readonly consumers = new Map<Consumer, () => void>();
  private lastHealth = { at: 0, ok: false };

  constructor(private readonly options: KafkaTransportOptions) {
    this.logger = options.logger ?? new JsonLogger('kafka');
    this.producers = new Array<Promise<Producer> | undefined>(Math.max(1, options.producers ?? 4)).fill(undefined);
    const logger = this.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: options.requestTimeoutMs ?? 15000,
      retry: { initialRetryTime: 200, retries: 6, maxRetryTime: 5000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...rest } = log;
          const text = `${String(message)} ${String((rest as { error?: unknown }).error ?? '')}`;
          // Expected noise: a group (re)balancing, a topic being created, and the limited retries of the idempotent
          // producer (on purpose: the outbox relay retries a failed batch itself, and inboxes absorb duplicates).
          if (
            /coordinator|rebalanc|LEADER_NOT_AVAILABLE|This server does not host this topic|Topic creation errors|Limiting retries for the idempotent/i.test(
              text,
            )
          )
            return;
          logger.write(KAFKA_LOG_LEVEL[level] ?? 'info', String(message), rest);
        },
    });
  }

  private getProducer(lane: number): Promise<Producer> {
    const existing = this.producers[lane];
    if (existing) return existing;
    const created = (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        // The Java client's murmur2 partitioning, so other clients put a key on the same partition as we do.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      if (this.producers[lane] === created) this.producers[lane] = undefined;
      throw error;
    });
    this.producers[lane] = created;
    return created;
  }

  /** Connects every producer now, rather than at each one's first send. */
  async connect(): Promise<void> {
    await Promise.all(this.producers.map((_, lane) => this.getProducer(lane)));
  }

  /** A message's partition, as every producer of ours (and the Java client) computes it; the topic is known. */
  private partitionOf(topic: string, key: string): number {
    return partitioner({ topic, partitionMetadata: this.knownTopics.get(topic)!, message: { key, value: null } });
  }

  private laneOf(topic: string, partition: number): number {
    const id = `${topic}\u0000${partition}`;
    let lane = this.laneOfPartition.get(id);
    if (lane === undefined) {
      lane = this.laneOfPartition.size % this.producers.length;
      this.laneOfPartition.set(id, lane);
    }
    return lane;
  }

  async lanes(messages: readonly OutgoingMessage[]): Promise<number[]> {
    await this.ensureTopics([...new Set(messages.map((m) => m.topic))]);
    return messages.map((m) => this.laneOf(m.topic, this.partitionOf(m.topic, m.key)));
  }

  private getAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const admin = await this.getAdmin();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3, replicationFactor: 1 })),
      });
    } catch (error) {
      // Several services start at once and create the same topics: losing that race is fine, as long as the
      // topics exist below.
      this.logger.write('debug', 'topic creation raced', { topics: missing, error: error as Error });
    }
    // A topic just created by someone else may not have leaders yet; subscribing now would fail.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: missing });
        if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) {
          for (const t of metadata) this.knownTopics.set(t.name, t.partitions);
          break;
        }
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics without leaders after 30 s: ${missing.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async publish(messages: OutgoingMessage[], lane?: number): Promise<void> {
    if (messages.length === 0) return;
    if (lane === undefined) {
      // Each message through the lane that owns its partition, the lanes at the same time.
      const lanes = await this.lanes(messages);
      const byLane = new Map<number, OutgoingMessage[]>();
      messages.forEach((m, i) => {
        const list = byLane.get(lanes[i]);
        if (list) list.push(m);
        else byLane.set(lanes[i], [m]);
      });
      // The lane's own send, not this.publish: a wrapper around publish (the fault suite's) would be entered again.
      const sent = await Promise.allSettled([...byLane].map(([l, list]) => this.publishLane(list, l)));
      const failed = sent.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return;
    }
    await this.publishLane(messages, lane);
  }

  private async publishLane(messages: OutgoingMessage[], lane: number): Promise<void> {
    await this.ensureTopics([...new Set(messages.map((m) => m.topic))]);
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string>; partition: number }[]>();
    for (const m of messages) {
      // The partition is set here, as `lanes` computed it: a lane's producer writes only the partitions it owns.
      const partition = this.partitionOf(m.topic, m.key);
      if (this.laneOf(m.topic, partition) !== lane)
        throw new Error(`publish: a message of ${m.topic} partition ${partition} is not of lane ${lane}`);
      const message = { key: m.key, value: m.value, headers: m.headers, partition };
      const list = byTopic.get(m.topic);
      if (list) list.push(message);
      else byTopic.set(m.topic, [message]);
    }
    const producer = await this.getProducer(lane);
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
    } catch (error) {
      // After a request lost on the network (a timeout, a blackhole), the idempotent producer's sequence numbers
      // no longer match the broker's and every later send fails "out of order sequence number", for good: the
      // relay was wedged until a restart (the fault suite's blackhole found it). A failed send therefore drops the
      // lane's producer; the relay's retry gets a new one, with a new producer id. What the lost request had written
      // is published again, and consumers' inboxes absorb it.
      const dropped = this.producers[lane];
      if (dropped) {
        this.producers[lane] = undefined;
        await dropped.then((p) => p.disconnect()).catch(() => undefined);
      }
      throw error;
    }
  }

  async subscribe(
    groupId: string,
    topics: string[],
    handle: (batch: readonly IncomingMessage[]) => Promise<void>,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    await this.ensureTopics(topics);
    let stopped = false;
    const maxBatch = Math.max(1, options.maxBatch ?? MAX_BATCH);
    const consumer = this.kafka.consumer({
      groupId,
      // A member that dies (SIGKILL) holds its partitions until its session expires: 10 s rather than kafkajs' 30 s
      // gets a restarted or surviving replica consuming again sooner. kafkajs heartbeats only when asked, so the
      // transport beats while a batch applies (one transaction that may outlast the session on a loaded machine).
      sessionTimeout: 10_000,
      rebalanceTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
      // During a backlog (a burst, a replay) a fetch holds at least a whole batch of each partition: kafkajs' 1 MiB per
      // partition held ~1,700 events of ~600 bytes, so batches of 5,000 (matching-service) came cut to a third.
      maxBytesPerPartition: Math.max(MIB, maxBatch * KIB),
      maxBytes: Math.max(10 * MIB, 4 * maxBatch * KIB),
      // A consumer that crashed (the broker gone for long) restarts itself after a while, unless it was stopped
      // meanwhile: a stop during the crash's own clean-up would otherwise be undone by the restart, and a closed
      // app would go on connecting forever (a test process that never exits).
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000, restartOnFailure: async () => !stopped },
    });
    this.consumers.set(consumer, () => (stopped = true));
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      // kafkajs hands each partition's batches over one at a time, in order, and up to this many partitions at once.
      partitionsConsumedConcurrently: Math.max(1, options.concurrentPartitions ?? 1),
      autoCommit: true,
      // Every resolved offset is due: commits follow each applied batch (one transaction), so a kill redelivers
      // only the batch in flight and what was applied during the last commit's round trip, not the rest of a
      // fetch (which holds hundreds of messages when there is a backlog).
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        const commits = new CommitCoalescer(commitOffsetsIfNecessary);
        try {
          for (let start = 0; start < batch.messages.length; start += maxBatch) {
            // Stop between batches: what was not applied is not resolved, so it is fetched again next time.
            if (!isRunning() || isStale()) break;
            const slice = batch.messages.slice(start, start + maxBatch);
            const beat = setInterval(() => void heartbeat().catch(() => undefined), 1000);
            try {
              await handle(slice.map((m) => incoming(batch.topic, batch.partition, batch.highWatermark, m)));
            } finally {
              clearInterval(beat);
            }
            resolveOffset(slice[slice.length - 1].offset);
            commits.request();
            await heartbeat();
          }
        } finally {
          await commits.settle();
        }
        await commitOffsetsIfNecessary();
      },
    });
    return {
      stop: async () => {
        stopped = true;
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async healthy(): Promise<boolean> {
    if (Date.now() - this.lastHealth.at < 2000) return this.lastHealth.ok;
    let ok = false;
    try {
      const admin = await this.getAdmin();
      const cluster = await Promise.race([
        admin.describeCluster(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      ok = cluster.brokers.length > 0;
    } catch {
      ok = false;
    }
    this.lastHealth = { at: Date.now(), ok };
    return ok;
  }

  async close(): Promise<void> {
    for (const markStopped of this.consumers.values()) markStopped();
    await Promise.allSettled([...this.consumers.keys()].map((c) => c.disconnect()));
    this.consumers.clear();
    const producers = this.producers.splice(0, this.producers.length, ...this.producers.map(() => undefined));
    const admin = this.admin;
    this.admin = undefined;
    await Promise.allSettled([...producers.map((p) => p?.then((x) => x.disconnect())), admin?.then((a) => a.disconnect())]);
  }
}

function incoming(topic: string, partition: number, highWatermark: string, m: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  return { topic, partition, offset: m.offset, key: m.key ? m.key.toString('utf8') : null, value: m.value, headers, highWatermark };
}

/**
 * Commits in the background while the next batch is applied, one commit request in flight at a time: a commit
 * per batch without waiting a broker round trip per batch. Whatever was resolved while a commit was in
 * flight goes in the next one. A failed commit is rethrown by settle(), at the end of the batch, where kafkajs
 * handles it as any batch error (the offsets stay where the last successful commit left them).
 */
export class CommitCoalescer {
  private inFlight?: Promise<void>;
  private pending = false;
  private failure?: unknown;

  constructor(private readonly commit: () => Promise<void>) {}

  request(): void {
    this.pending = true;
    this.inFlight ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending && this.failure === undefined) {
        this.pending = false;
        await this.commit();
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.inFlight = undefined;
    }
  }

  async settle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.failure !== undefined) throw this.failure;
  }
}
