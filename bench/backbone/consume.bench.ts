/**
 * Consume throughput on the project's own Kafka broker and PostgreSQL (issue 14: "≥10k events/s sustained in
 * matching-service, ≥25% of raw consume").
 *
 *   npm run bench -- consume            [--candidates 2000] [--needs 200] [--rounds 3] [--seed 1]
 *                                       [--compare-partitions 0] [--compare-batch 0]
 *   (or BENCH_CANDIDATES, BENCH_NEEDS, BENCH_ROUNDS, BENCH_SEED, BENCH_COMPARE_PARTITIONS, BENCH_COMPARE_BATCH;
 *   --candidates 4000 is the issue's burst of ~20k events; --compare-partitions N / --compare-batch N also run
 *   matching-service with N partitions' batches at once / at most N events per batch, in the same rounds, against
 *   its defaults; BENCH_SQL_PROFILE=1 adds the statements by text)
 *
 * A burst of candidate events (registrations and their validations, ~5.6 per candidate) meets a matching-service
 * that already holds `--needs` open needs, so validations are scored and solved as live. Each round publishes the
 * burst on topics of its own and reads it three ways, interleaved so that the machine's load hits all alike:
 *   raw      a new kafkajs consumer group doing nothing with the messages (baseline);
 *   no-op    the backbone (KafkaTransport, EventPipeline: decode, validate, inbox row) with a handler that does nothing;
 *   matching matching-service from createMatchingApp on Kafka, on a fresh database.
 * Throughput: the burst over the time from the first batch handed to the pipeline to the last event applied (start-up
 * and group joins are outside).
 * Progress: JSON lines on stderr. Result: a table, then a JSON summary as the last line of stdout.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { World } from '../matching-event/world';
import { table } from '../bench-util';
import { runBench } from '../support/main';
import { median, ratio, round } from '../support/stats';
import { burstRound, TEMPLATE_PREFIX, type BurstRound, type MatchingVariant } from './burst';

const describeVariant = (v: MatchingVariant): string =>
  [v.partitions ? `${v.partitions} partitions at once` : '', v.maxBatch ? `batches of ≤ ${v.maxBatch}` : ''].filter(Boolean).join(', ');
import { candidateMessages, intOptions, log, needMessages, quietServiceLogs, rawProducer, startInfra, type Infra } from './support';

async function main(): Promise<void> {
  const options = intOptions({ candidates: 2000, needs: 200, rounds: 3, seed: 1, comparePartitions: 0, compareBatch: 0 });
  const compared: MatchingVariant | undefined =
    options.comparePartitions > 0 || options.compareBatch > 0
      ? {
          ...(options.comparePartitions > 0 ? { partitions: options.comparePartitions } : {}),
          ...(options.compareBatch > 0 ? { maxBatch: options.compareBatch } : {}),
        }
      : undefined;
  const variants: MatchingVariant[] = compared ? [{}, compared] : [{}];
  quietServiceLogs();
  const world = new World(options.seed);
  const needs = needMessages(world, TEMPLATE_PREFIX, options.needs);
  const burst = candidateMessages(world, TEMPLATE_PREFIX, options.candidates);
  log.info('consume bench', { ...options, burstEvents: burst.length, load: loadavg().map((x) => round(x, 1)) });

  let infra: Infra | undefined;
  const rounds: BurstRound[] = [];
  try {
    infra = await startInfra();
    const producer = await rawProducer(infra.client('bench-producer'));
    try {
      for (let r = 1; r <= options.rounds; r++) {
        rounds.push(await burstRound(infra, producer, r, needs, burst, { noop: true, tag: 'c', variants }));
        log.info('round done', { round: r, of: options.rounds });
      }
    } finally {
      await producer.disconnect();
    }
  } finally {
    await infra?.stop();
  }

  const raw = median(rounds.map((r) => r.rawConsumePerS));
  const noop = median(rounds.map((r) => r.noopPerS ?? NaN));
  const matching = median(rounds.map((r) => r.matchingPerS));
  const summary = {
    bench: 'consume',
    options: { ...options, burstEvents: burst.length },
    environment: { node: process.version, cpus: cpus().length, loadAtEnd: loadavg().map((x) => round(x, 1)) },
    rawConsumePerS: Math.round(raw),
    noop: { perS: Math.round(noop), ratio: ratio(noop, raw) },
    matching: {
      perS: Math.round(matching),
      ratio: ratio(matching, raw),
      medianSeconds: round(median(rounds.map((r) => r.matchingMs)) / 1000, 1),
      statementsPerEvent: round(median(rounds.map((r) => r.matchingStatementsPerEvent)), 2),
      // CPU per 1,000 events (this process, i.e. the service, and PostgreSQL): what the machine's load changes least.
      nodeCpuMsPer1k: Math.round(median(rounds.map((r) => r.matchingRuns[0].nodeCpuMsPer1k))),
      postgresCpuMsPer1k: Math.round(median(rounds.map((r) => r.matchingRuns[0].postgresCpuMsPer1k))),
    },
    ...(compared
      ? {
          compared: (() => {
            const perS = median(rounds.map((r) => r.matchingRuns[1].perS));
            return {
              variant: compared,
              perS: Math.round(perS),
              ratio: ratio(perS, raw),
              vsDefault: ratio(perS, matching),
              nodeCpuMsPer1k: Math.round(median(rounds.map((r) => r.matchingRuns[1].nodeCpuMsPer1k))),
              postgresCpuMsPer1k: Math.round(median(rounds.map((r) => r.matchingRuns[1].postgresCpuMsPer1k))),
            };
          })(),
        }
      : {}),
    rawProducePerS: Math.round(median(rounds.map((r) => r.rawProducePerS))),
    rounds: rounds.map((r) => ({
      raw: Math.round(r.rawConsumePerS),
      noop: Math.round(r.noopPerS ?? NaN),
      matching: Math.round(r.matchingPerS),
      ...(r.matchingRuns[1] ? { compared: Math.round(r.matchingRuns[1].perS) } : {}),
      uncounted: r.matchingUncounted,
    })),
    goal: 'matching ≥ 10,000 events/s and ≥ 0.25× raw consume',
  };
  process.stdout.write(
    `${table([
      ['consumer (median of interleaved rounds)', 'events/s', 'vs raw consume'],
      ['raw kafkajs consume (baseline)', String(summary.rawConsumePerS), '1×'],
      ['transport + pipeline + inbox, no-op handler', String(summary.noop.perS), `${summary.noop.ratio}×`],
      [`matching-service consumer path (${options.needs} needs held)`, String(summary.matching.perS), `${summary.matching.ratio}×`],
      ...(summary.compared
        ? [[`the same with ${describeVariant(summary.compared.variant)}`, String(summary.compared.perS), `${summary.compared.ratio}×`]]
        : []),
    ])}\n(matching-service ran ${summary.matching.statementsPerEvent} SQL statements per event, and used ${summary.matching.nodeCpuMsPer1k} ms of CPU per 1,000 events in its process and ${summary.matching.postgresCpuMsPer1k} ms in PostgreSQL)\n\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

runBench('consume', main);
