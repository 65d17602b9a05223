/**
 * Event → ProposalCreated latency through real Kafka at a steady rate (issue 14: "p99 event → proposal ≤50 ms at 1k
 * events/s and median ≤3× the raw round trip").
 *
 *   npm run bench -- latency            [--rate 1000] [--seconds 5] [--rounds 3] [--candidates 3000] [--needs 200] [--seed 1]
 *
 * matching-service runs from createMatchingApp on Kafka, seeded with `--candidates` and `--needs` through its own
 * consumer handler (bench/matching-event/service.ts). Then, each round, a producer sends a steady stream at `--rate`
 * events/s for `--seconds`: nine validations that change a candidate's level for each new need. A consumer of the
 * proposals topic takes, for each sent event that caused proposals, the first ProposalCreated whose causationId is
 * its event id: latency = received − handed to the producer (outbox, relay and both Kafka hops included).
 * Baseline, interleaved each round: the same rate of same-sized messages produced to a topic and consumed by a
 * joined consumer (the raw produce → consume round trip). Figures: medians over rounds of each round's median and p99.
 */
import 'reflect-metadata';
import { type EventEnvelope, physicalTopic } from '@jobbspar/contracts';
import { type OutgoingMessage, unsentOutboxRow } from '@jobbspar/messaging';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { table } from '../bench-util';
import { seed, startService } from '../matching-event/service';
import { World } from '../matching-event/world';
import { runBench } from '../support/main';
import { median, percentile, ratio, round } from '../support/stats';
import { asService, DEFAULT_AUDIENCE } from '@jobbspar/platform';
import {
  createTopics,
  inboxCount,
  intOptions,
  log,
  needMessages,
  quietServiceLogs,
  rawProducer,
  startInfra,
  TOPICS,
  validationMessage,
  waitForCount,
  withTimeout,
  type Infra,
} from './support';
import { LatencyProfile } from './latency-profile';

interface RoundResult {
  raw: { median: number; p99: number; n: number };
  ours: { median: number; p99: number; n: number; sent: number; withProposal: number; drainS: number; needs: number; validations: number };
}

/** Sends `next()` at a steady rate, in 10 ms ticks, never awaiting a send inside the schedule. */
async function steady(
  producer: Producer,
  perSecond: number,
  seconds: number,
  next: () => OutgoingMessage,
  onSent: (m: OutgoingMessage, at: number) => void,
): Promise<number> {
  const total = Math.round(perSecond * seconds);
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
    const batch: OutgoingMessage[] = [];
    for (; sent < due; sent++) batch.push(next());
    if (batch.length > 0) {
      const at = performance.now();
      for (const m of batch) onSent(m, at);
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const m of batch) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
      sends.push(
        producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, list]) => ({
            topic,
            messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
          })),
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(sends);
  return total;
}

async function joinedConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  onMessage: (value: Buffer, at: number) => void,
): Promise<Consumer> {
  // A fetch is answered as soon as a record is there (minBytes 1): the wait bounds only an idle fetch. At 5 ms the two
  // idle consumers (the proposals' during the raw round, the round trip's during ours) sent ~400 fetches/s, a third
  // of this process's CPU in the profile (kafkajs socket writes), taken from the service measured in it.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  void consumer.run({
    eachBatch: async ({ batch }) => {
      const at = performance.now();
      for (const m of batch.messages) if (m.value) onMessage(m.value, at);
    },
  });
  await withTimeout(joined, 60_000, `consumer group ${groupId} join`);
  // Partitions assigned; the first fetch positions at the end of the log.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return consumer;
}

async function main(): Promise<void> {
  const options = intOptions({ rate: 1000, seconds: 5, rounds: 3, candidates: 3000, needs: 200, seed: 1 });
  quietServiceLogs();
  // BENCH_PROFILE=1: each round also logs where its batches spent their time (latency-profile.ts).
  const profile = process.env.BENCH_PROFILE === '1' ? new LatencyProfile() : undefined;
  profile?.install();
  const world = new World(options.seed);
  const prefix = `bench.lat.${Date.now().toString(36)}.`;
  log.info('latency bench', { ...options, load: loadavg().map((x) => round(x, 1)) });

  let infra: Infra | undefined;
  const results: RoundResult[] = [];
  try {
    infra = await startInfra();
    const db = await infra.database('bench_latency');
    await createTopics(
      infra.client('bench-admin'),
      [TOPICS.needs, TOPICS.candidates, TOPICS.proposals, 'round-trip'].map((t) => physicalTopic(prefix, t)),
    );
    const service = await startService({
      databaseUrl: db,
      kafkaBrokers: infra.brokers,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      // Events only, no HTTP: no token is ever checked, so the issuer is never contacted.
      auth: { issuer: 'http://127.0.0.1:9/unused', audience: DEFAULT_AUDIENCE },
    });
    const producer = await rawProducer(infra.client('bench-producer'), false);
    const consumers: Consumer[] = [];
    try {
      await seed(service, world, options);
      await waitForCount('seed proposals published', async () => -(await outboxBacklog(service)), 0, { from: -1e9 });

      // Ours: the first ProposalCreated caused by each sent event.
      const sentAt = new Map<string, number>();
      const firstProposal = new Map<string, number>();
      consumers.push(
        await joinedConsumer(
          infra.client('bench-proposals'),
          `${prefix}bench-proposals`,
          physicalTopic(prefix, TOPICS.proposals),
          (value, at) => {
            const envelope = JSON.parse(value.toString('utf8')) as EventEnvelope;
            const cause = envelope.causationId;
            if (envelope.type === 'ProposalCreated' && cause && sentAt.has(cause) && !firstProposal.has(cause))
              firstProposal.set(cause, at);
          },
        ),
      );
      // Raw: produce → consume of same-sized messages.
      const rawSent = new Map<string, number>();
      const rawReceived = new Map<string, number>();
      consumers.push(
        await joinedConsumer(
          infra.client('bench-round-trip'),
          `${prefix}bench-round-trip`,
          physicalTopic(prefix, 'round-trip'),
          (value, at) => {
            const id = (JSON.parse(value.toString('utf8')) as { eventId: string }).eventId;
            if (rawSent.has(id)) rawReceived.set(id, at);
          },
        ),
      );

      let kind = 0;
      // What each round sent: the mix holds only while validations still change a level (a candidate holding every
      // task of her occupation at level 3 takes none); at 1,000 candidates they ran out in the first measured round
      // and the stream became needs only. Hence 3,000 candidates by default, and the mix in each round's figures.
      const mix = { needs: 0, validations: 0 };
      const next = (): OutgoingMessage => {
        kind = (kind + 1) % 10;
        const validation = kind === 0 ? undefined : validationMessage(world, prefix);
        if (validation) mix.validations++;
        else mix.needs++;
        return validation ?? needMessages(world, prefix, 1)[0];
      };
      const eventId = (m: OutgoingMessage): string => m.headers['event-id'];
      const rawPool: OutgoingMessage[] = [];

      // Round 0 warms everything up and is not counted.
      for (let r = 0; r <= options.rounds; r++) {
        rawSent.clear();
        rawReceived.clear();
        // The same messages every round (made in the first), so that the raw rounds use up none of the world's validations.
        let rawIndex = 0;
        await steady(
          producer,
          options.rate,
          options.seconds,
          () => {
            if (rawIndex === rawPool.length) rawPool.push({ ...next(), topic: physicalTopic(prefix, 'round-trip') });
            return rawPool[rawIndex++];
          },
          (m, at) => rawSent.set(eventId(m), at),
        );
        await waitForCount('raw round trip', async () => rawReceived.size, rawSent.size, { timeoutMs: 60_000 });
        const rawLatencies = [...rawReceived].map(([id, at]) => at - rawSent.get(id)!);

        sentAt.clear();
        firstProposal.clear();
        mix.needs = 0;
        mix.validations = 0;
        const before = await inboxCount(service.dataSource);
        profile?.reset();
        const sendStarted = performance.now();
        const sent = await steady(producer, options.rate, options.seconds, next, (m, at) => sentAt.set(eventId(m), at));
        const sendS = (performance.now() - sendStarted) / 1000;
        // Polled every 250 ms: a count of the inbox every 20 ms was a tenth of PostgreSQL's statement time in the profile.
        await waitForCount('matching-service applied the stream', () => inboxCount(service.dataSource), before + sent, {
          from: before,
          pollMs: 250,
        });
        const drainS = (performance.now() - sendStarted) / 1000 - sendS;
        await waitForCount('proposals published', async () => -(await outboxBacklog(service)), 0, { from: -1e9 });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const ours = [...firstProposal].map(([id, at]) => at - sentAt.get(id)!);
        const result: RoundResult = {
          raw: { median: median(rawLatencies), p99: percentile(rawLatencies, 99), n: rawLatencies.length },
          ours: {
            median: median(ours),
            p99: percentile(ours, 99),
            n: ours.length,
            sent,
            withProposal: ours.length,
            drainS: round(drainS, 1),
            ...mix,
          },
        };
        if (r > 0) results.push(result);
        log.info(r === 0 ? 'warm-up round done' : 'round done', {
          round: r,
          of: options.rounds,
          rawMedianMs: round(result.raw.median, 1),
          rawP99Ms: round(result.raw.p99, 1),
          medianMs: round(result.ours.median, 1),
          p99Ms: round(result.ours.p99, 1),
          eventsWithProposal: ours.length,
          backlogDrainS: result.ours.drainS,
          sentNeeds: mix.needs,
          sentValidations: mix.validations,
        });
        if (profile) log.info('round profile', { round: r, ...profile.report() });
      }
    } finally {
      await Promise.allSettled(consumers.map((c) => c.disconnect()));
      await producer.disconnect();
      await service.app.close();
    }
  } finally {
    await infra?.stop();
  }

  const rawMedian = median(results.map((r) => r.raw.median));
  const rawP99 = median(results.map((r) => r.raw.p99));
  const ourMedian = median(results.map((r) => r.ours.median));
  const ourP99 = median(results.map((r) => r.ours.p99));
  const summary = {
    bench: 'latency',
    options,
    environment: { node: process.version, cpus: cpus().length, loadAtEnd: loadavg().map((x) => round(x, 1)) },
    rawRoundTrip: { medianMs: round(rawMedian, 1), p99Ms: round(rawP99, 1) },
    eventToProposal: {
      medianMs: round(ourMedian, 1),
      p99Ms: round(ourP99, 1),
      medianRatio: ratio(ourMedian, rawMedian, 2),
      p99Ratio: ratio(ourP99, rawP99, 2),
    },
    rounds: results,
    goal: 'p99 ≤ 50 ms at 1,000 events/s and median ≤ 3× the raw round trip',
  };
  process.stdout.write(
    `${table([
      [`latency at ${options.rate} events/s (median of rounds)`, 'median ms', 'p99 ms', 'median vs raw'],
      ['raw kafkajs produce → consume (baseline)', String(summary.rawRoundTrip.medianMs), String(summary.rawRoundTrip.p99Ms), '1×'],
      [
        'event → ProposalCreated through matching-service',
        String(summary.eventToProposal.medianMs),
        String(summary.eventToProposal.p99Ms),
        `${summary.eventToProposal.medianRatio}×`,
      ],
    ])}\n\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

runBench('latency', main);

/** Unsent rows of matching's outbox, read as the service (row-level security). */
async function outboxBacklog(service: { dataSource: { query: (sql: string) => Promise<{ n: number }[]> } }): Promise<number> {
  const [{ n }] = await asService('matching-service', () =>
    service.dataSource.query(`SELECT count(*)::int AS n FROM matching.outbox WHERE ${unsentOutboxRow('matching')}`),
  );
  return n;
}
