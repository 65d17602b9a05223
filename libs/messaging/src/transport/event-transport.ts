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

export interface Subscription {
  /** Stops fetching, lets the message in hand finish, commits only what was applied. */
  stop(): Promise<void>;
}

/**
 * The seam between the backbone and a broker: Kafka in production and tests, an in-process log for the embedded
 * default. Both deliver each group's messages one at a time per partition, in order, at least once.
 */
export interface EventTransport {
  readonly kind: 'kafka' | 'in-process';
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(groupId: string, topics: string[], handle: (message: IncomingMessage) => Promise<void>): Promise<Subscription>;
  ensureTopics(topics: string[]): Promise<void>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
