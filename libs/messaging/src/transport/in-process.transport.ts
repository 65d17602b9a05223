import { EventTransport, IncomingMessage, MAX_BATCH, OutgoingMessage, SubscribeOptions, Subscription } from './event-transport';

interface TopicLog {
  messages: IncomingMessage[];
  waiters: Set<() => void>;
}

/**
 * A process-wide append-only log per topic with consumer-group offsets: the embedded default's broker. It keeps the
 * same contract as Kafka (ordered per topic, at-least-once, groups resume at their committed offset), so services
 * run the identical outbox → inbox → handler path with or without Kafka. It lives in memory: on a restart the
 * outboxes are the record of what was published.
 */
export class InProcessBroker {
  private static instance: InProcessBroker | undefined;
  private readonly topics = new Map<string, TopicLog>();
  private readonly offsets = new Map<string, number>();

  static shared(): InProcessBroker {
    return (InProcessBroker.instance ??= new InProcessBroker());
  }

  log(topic: string): TopicLog {
    let log = this.topics.get(topic);
    if (!log) {
      log = { messages: [], waiters: new Set() };
      this.topics.set(topic, log);
    }
    return log;
  }

  append(message: OutgoingMessage): void {
    const log = this.log(message.topic);
    log.messages.push({
      topic: message.topic,
      partition: 0,
      offset: String(log.messages.length),
      key: message.key,
      value: Buffer.from(message.value, 'utf8'),
      headers: { ...message.headers },
    });
    for (const wake of [...log.waiters]) wake();
  }

  committed(group: string, topic: string): number {
    return this.offsets.get(`${group}\u0000${topic}`) ?? 0;
  }

  commit(group: string, topic: string, next: number): void {
    this.offsets.set(`${group}\u0000${topic}`, next);
  }

  /** Every message on a topic, for tests and replays. */
  read(topic: string): readonly IncomingMessage[] {
    return this.log(topic).messages;
  }
}

export class InProcessTransport implements EventTransport {
  readonly kind = 'in-process' as const;

  constructor(private readonly broker = InProcessBroker.shared()) {}

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) this.broker.append(message);
  }

  /** Each topic is one partition, its batches handed over one at a time; the topics' loops run side by side. */
  async subscribe(
    groupId: string,
    topics: string[],
    handle: (batch: readonly IncomingMessage[]) => Promise<void>,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    const maxBatch = Math.max(1, options.maxBatch ?? MAX_BATCH);
    let running = true;
    const stopWaiters = new Set<() => void>();
    const loops = topics.map(async (topic) => {
      const log = this.broker.log(topic);
      while (running) {
        const next = this.broker.committed(groupId, topic);
        if (next >= log.messages.length) {
          await new Promise<void>((resolve) => {
            const wake = (): void => {
              log.waiters.delete(wake);
              resolve();
            };
            log.waiters.add(wake);
            stopWaiters.add(wake);
          });
          continue;
        }
        // What has arrived since the committed offset, as a Kafka fetch would hand it over.
        const batch = log.messages.slice(next, next + maxBatch);
        try {
          await handle(batch);
        } catch (error) {
          // Only a stop interrupts the pipeline; the batch stays uncommitted and is delivered again next time.
          if (!running) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        this.broker.commit(groupId, topic, next + batch.length);
      }
    });
    return {
      stop: async () => {
        running = false;
        for (const wake of stopWaiters) wake();
        await Promise.all(loops);
      },
    };
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics) this.broker.log(topic);
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
