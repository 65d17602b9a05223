import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { EventEnvelope } from '@jobbspar/contracts';
import { markInjected, RecordSource } from './contract-check';
import { uniqueName } from './infra';

export interface ProbedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads topics from the beginning with a consumer group of its own, so a test can assert on exactly what went over
 * the wire, and produces raw messages (including malformed ones) as another service or an attacker would.
 */
export class KafkaProbe {
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private producer?: Producer;
  readonly messages: ProbedMessage[] = [];
  private topics: string[] = [];

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: uniqueName('probe'), brokers, logLevel: logLevel.NOTHING });
  }

  async watch(topics: string[]): Promise<void> {
    this.topics = topics;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
    } catch {
      // The services create the same topics at the same time; losing that race is fine once the topics have leaders.
    }
    try {
      await eventually(
        async () => {
          const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
          return metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        },
        30000,
        `leaders for ${topics.join(', ')}`,
      );
    } finally {
      await admin.disconnect();
    }
    this.consumer = this.kafka.consumer({ groupId: uniqueName('probe'), maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          headers,
        });
      },
    });
  }

  envelopes(topic?: string): EventEnvelope<Record<string, unknown>>[] {
    return this.messages
      .filter((m) => (topic === undefined || m.topic === topic) && m.value)
      .flatMap((m) => {
        try {
          return [JSON.parse(m.value!) as EventEnvelope<Record<string, unknown>>];
        } catch {
          return [];
        }
      });
  }

  /** Waits until every message on the watched topics at this moment has been read. */
  async settle(timeoutMs = 20000): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const targets = await Promise.all(this.topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })));
      await eventually(
        () =>
          targets.every(({ topic, offsets }) =>
            offsets.every(({ partition, high }) => {
              if (Number(high) === 0) return true;
              return this.messages.some((m) => m.topic === topic && m.partition === partition && Number(m.offset) >= Number(high) - 1);
            }),
          ),
        timeoutMs,
        'the probe to read every record',
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** This probe as a source of records for the contract check (test/support/contract-check.ts). */
  asSource(topicPrefix: string): RecordSource {
    let taken = 0;
    return {
      topicPrefix,
      take: () => {
        const fresh = this.messages.slice(taken);
        taken = this.messages.length;
        return fresh;
      },
      settle: () => this.settle(),
    };
  }

  /** Produces raw messages as another service or an attacker would; the contract check leaves them out. */
  async produce(
    topic: string,
    messages: { key: string; value: string; headers?: Record<string, string>; partition?: number }[],
  ): Promise<void> {
    for (const m of messages) markInjected(m.value);
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: true });
      await this.producer.connect();
    }
    await this.producer.send({ topic, messages });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect()]);
  }
}

/** Polls until the check returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
