/** What the outbox relay hands to a transport, and what a transport hands to the consumer pipeline. */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** The partition's high watermark when the message was fetched (Kafka), for the consumer-lag metric. */
  highWatermark?: string;
}

export interface SubscribeOptions {
  /**
   * How many partitions' batches may be handled at once (default 1). Each partition still hands over one batch at a
   * time, in order, so order per key holds; only a consumer whose handlers are safe against each other's concurrent
   * transactions may ask for more (matching-service: its engine serialises the work of every batch under one lock,
   * and what runs before it, decoding and the inbox rows, touches nothing another partition's batch does).
   */
  concurrentPartitions?: number;
  /**
   * At most this many messages per batch (default MAX_BATCH). A consumer that does its expensive part once per batch
   * (matching-service's BatchScope) gains from more; a kill redelivers up to about twice this many.
   */
  maxBatch?: number;
}

export interface Subscription {
  /** Stops fetching, lets the batch in hand finish, commits only what was applied. */
  stop(): Promise<void>;
}

/**
 * At most this many messages per batch handed to a consumer (a Kafka fetch is cut into batches of it). A batch
 * applies in one transaction, so a consumer killed mid-batch redelivers it whole: this bounds what a kill
 * redelivers (the batch in flight, and the one applied while its commit was on its way) as much as it amortises
 * a transaction over its events. Measured (`npm run bench -- consume`, issue 14): with batches projected in memory
 * and matched once per batch, 250 gave matching-service about twice the events/s of 50 (995/s against 426-522/s
 * on the shared machine, 0.16 against 0.57 SQL statements per event); a kill redelivers at most ~2 × 250.
 */
export const MAX_BATCH = 250;

/**
 * The seam between the backbone and a broker: Kafka in production and tests, an in-process log for the embedded
 * default. Both deliver each group's messages in batches of one partition's consecutive messages (at most
 * MAX_BATCH), one batch at a time per partition, in order, at least once (batches of different partitions may be
 * handled at once where SubscribeOptions.concurrentPartitions allows); a batch is committed only after its
 * handler resolved, and a batch whose handler failed is delivered again from its first message.
 */
export interface EventTransport {
  readonly kind: 'kafka' | 'in-process';
  /**
   * Sends messages, in order, and resolves once the broker acknowledged all of them. With `lane`, every message
   * must be of that lane (`lanes`); without, the transport sends each message through its own lane.
   */
  publish(messages: OutgoingMessage[], lane?: number): Promise<void>;
  /**
   * The lane of each message: the transport's senders that may have a request in flight at the same time, each
   * keeping its own messages in order. Messages of one topic and key always share a lane (Kafka: a lane owns whole
   * partitions), so sending lanes concurrently keeps the order per key. Absent: one lane.
   */
  lanes?(messages: readonly OutgoingMessage[]): Promise<number[]>;
  subscribe(
    groupId: string,
    topics: string[],
    handle: (batch: readonly IncomingMessage[]) => Promise<void>,
    options?: SubscribeOptions,
  ): Promise<Subscription>;
  ensureTopics(topics: string[]): Promise<void>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
