/**
 * The outbox relay against raw kafkajs produce on the project's own broker (issue 14: "relay ≥80% of raw produce").
 *
 *   npm run bench -- relay              [--events 20000] [--rounds 5] [--seed 1]
 *
 * Each round writes `--events` unsent outbox rows (real candidate envelopes) into a fresh schema, then the service's
 * OutboxRelay on a KafkaTransport publishes them; throughput = rows / time from start() until the backlog is empty.
 * The topic has 3 partitions, as the services' topics: the relay's lanes (one idempotent producer per partition,
 * `KafkaTransport.producers`) send up to 3 requests at once.
 * Baseline, interleaved in the same round: the same messages handed to kafkajs' default producer (acks=all, not
 * idempotent, up to its default requests in flight), 1,000 per sendBatch, all handed over at once: the fastest
 * plain use of kafkajs, without the one-in-flight order guarantee the relay keeps.
 */
import 'reflect-metadata';
import { KafkaTransport, OutboxRelay, createMessagingTables } from '@jobbspar/messaging';
import { JsonLogger, openServiceDatabase } from '@jobbspar/platform';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { table } from '../bench-util';
import { World } from '../matching-event/world';
import { runBench } from '../support/main';
import { median, ratio, round } from '../support/stats';
import { TEMPLATE_PREFIX } from './burst';
import {
  candidateMessages,
  createTopics,
  intOptions,
  log,
  produceAll,
  quietServiceLogs,
  rate,
  rawProducer,
  startInfra,
  TOPICS,
  waitForCount,
  type Infra,
} from './support';

const SCHEMA = 'bench_relay';

class RelaySchema1764200000001 implements MigrationInterface {
  name = 'RelaySchema1764200000001';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
  }
  async down(): Promise<void> {}
}

async function main(): Promise<void> {
  const options = intOptions({ events: 20_000, rounds: 5, seed: 1 });
  quietServiceLogs();
  const world = new World(options.seed);
  const messages = [];
  while (messages.length < options.events) messages.push(...candidateMessages(world, TEMPLATE_PREFIX, 100));
  messages.length = options.events;
  log.info('relay bench', { ...options, load: loadavg().map((x) => round(x, 1)) });

  let infra: Infra | undefined;
  const rounds: { raw: number; relay: number }[] = [];
  try {
    infra = await startInfra();
    const producer = await rawProducer(infra.client('bench-raw-producer'), false);
    try {
      // Round 0 warms up the JIT, the connections and the broker's log segments; it is not counted.
      for (let r = 0; r <= options.rounds; r++) {
        const rawPrefix = `bench.raw${r}.`;
        const relayPrefix = `bench.relay${r}.`;
        const kafka = infra.client('bench-admin');
        await createTopics(kafka, [rawPrefix + TOPICS.candidates, relayPrefix + TOPICS.candidates]);

        // The producer learns the new topic's partitions before the clock starts, as the relay's transport does.
        await producer.send({ topic: rawPrefix + TOPICS.candidates, acks: -1, messages: [{ key: 'warm-up', value: '{}' }] });
        const rawMs = await produceAll(
          producer,
          messages.map((m) => ({ ...m, topic: rawPrefix + m.topic.slice(TEMPLATE_PREFIX.length) })),
        );

        const dataSource = await openServiceDatabase(
          { url: await infra.database(`bench_relay${r}`), schema: SCHEMA, entities: [], migrations: [RelaySchema1764200000001] },
          new JsonLogger('database'),
        );
        try {
          for (let i = 0; i < messages.length; i += 2000) {
            const chunk = messages
              .slice(i, i + 2000)
              .map((m) => JSON.parse(m.value) as { eventId: string; type: string; aggregateId: string });
            // As Outbox.appendMany writes them: the envelope as jsonb and its compact JSON as sent.
            await dataSource.query(
              `INSERT INTO ${SCHEMA}.outbox (event_id, topic, message_key, event_type, envelope, message)
               SELECT e, $1, k, t, v::jsonb, v FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS x(e, k, t, v)`,
              [
                TOPICS.candidates,
                chunk.map((c) => c.eventId),
                chunk.map((c) => c.aggregateId),
                chunk.map((c) => c.type),
                chunk.map((c) => JSON.stringify(c)),
              ],
            );
          }
          const transport = new KafkaTransport({ brokers: infra.brokers, clientId: 'bench-relay' });
          const relay = new OutboxRelay(dataSource, transport, { service: 'candidate-service', schema: SCHEMA, topicPrefix: relayPrefix });
          // Connect the producers and learn the topic first, as a running service has long done (publish([]) did not
          // connect: the first round's producer connected inside the measured time).
          await transport.ensureTopics([relayPrefix + TOPICS.candidates]);
          await transport.connect();
          const started = performance.now();
          relay.start();
          await waitForCount('relay', async () => options.events - (await relay.backlog()), options.events, { pollMs: 10, from: -1 });
          const relayMs = performance.now() - started;
          await relay.stop();
          await transport.close();
          const measured = { raw: rate(options.events, rawMs), relay: rate(options.events, relayMs) };
          if (r > 0) rounds.push(measured);
          log.info(r === 0 ? 'warm-up round done' : 'round done', {
            round: r,
            of: options.rounds,
            rawPerS: Math.round(measured.raw),
            relayPerS: Math.round(measured.relay),
          });
        } finally {
          await dataSource.destroy();
        }
      }
    } finally {
      await producer.disconnect();
    }
  } finally {
    await infra?.stop();
  }
  const raw = median(rounds.map((r) => r.raw));
  const relay = median(rounds.map((r) => r.relay));
  const summary = {
    bench: 'relay',
    options,
    environment: { node: process.version, cpus: cpus().length, loadAtEnd: loadavg().map((x) => round(x, 1)) },
    rawProducePerS: Math.round(raw),
    relay: { perS: Math.round(relay), ratio: ratio(relay, raw) },
    rounds: rounds.map((r) => ({ raw: Math.round(r.raw), relay: Math.round(r.relay) })),
    goal: 'relay ≥ 0.8× raw produce',
  };
  process.stdout.write(
    `${table([
      ['publisher (median of interleaved rounds)', 'events/s', 'vs raw produce'],
      ['raw kafkajs produce, acks=all (baseline)', String(summary.rawProducePerS), '1×'],
      ['outbox relay (OutboxRelay on KafkaTransport)', String(summary.relay.perS), `${summary.relay.ratio}×`],
    ])}\n\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

runBench('relay', main);
