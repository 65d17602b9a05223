import { IncomingMessage, KafkaTransport, type SubscribeOptions, type Subscription } from '@jobbspar/messaging';
import { testInfra, uniqueName } from '../support/infra';
import { eventually } from '../support/kafka-probe';

/**
 * Batches of several partitions handled at once (SubscribeOptions.concurrentPartitions, matching-service's option)
 * on the real broker: each partition still hands over one batch at a time, in order, so every key's events arrive
 * in the order they were published; without the option one batch is handled at a time in all.
 */
describe('batches of several partitions at once', () => {
  const KEYS = 12;
  const PER_KEY = 60;
  // 720 events in all.
  let transport: KafkaTransport;

  beforeAll(() => {
    transport = new KafkaTransport({ brokers: testInfra().brokers, clientId: uniqueName('cpart'), partitions: 3 });
  });

  afterAll(async () => {
    await transport?.close();
  });

  /** Publishes KEYS × PER_KEY events, the keys interleaved, and consumes them with `concurrentPartitions`. */
  async function run(options?: SubscribeOptions) {
    const topic = `${uniqueName('cpart')}.things`;
    await transport.ensureTopics([topic]);
    const keys = Array.from({ length: KEYS }, (_, k) => `key-${k}-${uniqueName('k')}`);
    const messages = [];
    for (let seq = 0; seq < PER_KEY; seq++) {
      for (const key of keys) messages.push({ topic, key, value: JSON.stringify({ key, seq }), headers: {} });
    }
    await transport.publish(messages);

    const seen = new Map<string, number[]>(keys.map((k) => [k, []]));
    const partitionOf = new Map<string, number>();
    const inFlight = new Map<number, number>();
    let now = 0;
    let most = 0;
    let mostOnOnePartition = 0;
    let batches = 0;
    let largest = 0;
    let received = 0;
    let subscription: Subscription | undefined;
    try {
      subscription = await transport.subscribe(
        uniqueName('cpart-group'),
        [topic],
        async (batch: readonly IncomingMessage[]) => {
          const partition = batch[0].partition;
          inFlight.set(partition, (inFlight.get(partition) ?? 0) + 1);
          now++;
          most = Math.max(most, now);
          mostOnOnePartition = Math.max(mostOnOnePartition, inFlight.get(partition)!);
          batches++;
          largest = Math.max(largest, batch.length);
          try {
            // Long enough for the other partitions' batches to arrive while this one is in hand.
            await new Promise((resolve) => setTimeout(resolve, 150));
            for (const m of batch) {
              expect(m.partition).toBe(partition);
              const { key, seq } = JSON.parse(m.value!.toString('utf8')) as { key: string; seq: number };
              seen.get(key)!.push(seq);
              partitionOf.set(key, m.partition);
              received++;
            }
          } finally {
            now--;
            inFlight.set(partition, inFlight.get(partition)! - 1);
          }
        },
        options,
      );
      await eventually(async () => received >= KEYS * PER_KEY, 60_000, 'every event consumed');
    } finally {
      await subscription?.stop();
    }
    return { seen, partitions: new Set(partitionOf.values()), most, mostOnOnePartition, batches, largest };
  }

  it('handles several partitions at once and keeps every key in order', async () => {
    const r = await run({ concurrentPartitions: 3 });

    // The keys spread over all three partitions (murmur2 of the key), so there was something to overlap.
    expect(r.partitions.size).toBe(3);
    for (const seqs of r.seen.values()) expect(seqs).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
    expect(r.most).toBeGreaterThan(1);
    expect(r.most).toBeLessThanOrEqual(3);
    // Never two batches of one partition at once: that is what keeps the order.
    expect(r.mostOnOnePartition).toBe(1);
    expect(r.batches).toBeGreaterThanOrEqual(3);
  });

  it('handles one batch at a time without the option', async () => {
    const r = await run();

    expect(r.partitions.size).toBe(3);
    for (const seqs of r.seen.values()) expect(seqs).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
    expect(r.most).toBe(1);
  });

  it('cuts each partition into batches of at most maxBatch and keeps every key in order', async () => {
    const r = await run({ concurrentPartitions: 3, maxBatch: 25 });

    for (const seqs of r.seen.values()) expect(seqs).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
    expect(r.largest).toBeLessThanOrEqual(25);
    // 720 events on three partitions: many batches each, none of a partition while another of it is in hand.
    expect(r.batches).toBeGreaterThanOrEqual((KEYS * PER_KEY) / 25);
    expect(r.mostOnOnePartition).toBe(1);
  });
});
