/**
 * Seeding candidates through matching-service's consumer path on real Kafka (issue 14: "100k candidates seeded in
 * ≤2 minutes").
 *
 *   npm run bench -- seed               [--candidates 5000] [--rounds 1] [--seed 1]
 *   (--candidates 100000 is the goal's figure: at today's rate that takes hours, hence the smaller default)
 *
 * A region's import: every candidate's registration and validations (~5.6 events each) published on a fresh topic
 * prefix, then read by matching-service from createMatchingApp on a fresh database holding no needs yet (so there
 * is nothing to score: the projection, inbox and commit are the cost). Time: from the first batch handed to the
 * pipeline to the last event applied. The baseline in the same round is a raw kafkajs consumer reading the same
 * messages. The 100k figure is extrapolated from the measured rate when --candidates is smaller, and says so.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { table } from '../bench-util';
import { World } from '../matching-event/world';
import { runBench } from '../support/main';
import { median, ratio, round } from '../support/stats';
import { burstRound, TEMPLATE_PREFIX, type BurstRound } from './burst';
import { candidateMessages, intOptions, log, quietServiceLogs, rawProducer, startInfra, type Infra } from './support';

const GOAL_CANDIDATES = 100_000;

async function main(): Promise<void> {
  const options = intOptions({ candidates: 5000, rounds: 1, seed: 1 });
  quietServiceLogs();
  const world = new World(options.seed);
  const events = candidateMessages(world, TEMPLATE_PREFIX, options.candidates);
  log.info('seed bench', { ...options, events: events.length, load: loadavg().map((x) => round(x, 1)) });

  let infra: Infra | undefined;
  const rounds: BurstRound[] = [];
  try {
    infra = await startInfra();
    const producer = await rawProducer(infra.client('bench-producer'));
    try {
      for (let r = 1; r <= options.rounds; r++) {
        rounds.push(await burstRound(infra, producer, r, [], events, { noop: false, tag: 's' }));
        log.info('round done', { round: r, of: options.rounds });
      }
    } finally {
      await producer.disconnect();
    }
  } finally {
    await infra?.stop();
  }

  const perS = median(rounds.map((r) => r.matchingPerS));
  const raw = median(rounds.map((r) => r.rawConsumePerS));
  const seconds = events.length / perS;
  const eventsPerCandidate = events.length / options.candidates;
  const goalSeconds = (GOAL_CANDIDATES * eventsPerCandidate) / perS;
  const rawGoalSeconds = (GOAL_CANDIDATES * eventsPerCandidate) / raw;
  const summary = {
    bench: 'seed',
    options: { ...options, events: events.length },
    environment: { node: process.version, cpus: cpus().length, loadAtEnd: loadavg().map((x) => round(x, 1)) },
    matching: { perS: Math.round(perS), seconds: round(seconds, 1), ratio: ratio(perS, raw) },
    rawConsumePerS: Math.round(raw),
    hundredThousand: {
      seconds: round(goalSeconds, 0),
      rawSeconds: round(rawGoalSeconds, 1),
      extrapolated: options.candidates < GOAL_CANDIDATES,
    },
    goal: '100,000 candidates in ≤ 120 s',
  };
  process.stdout.write(
    `${table([
      ['seeding through the consumer path', 'events/s', 'seconds', 'vs raw consume'],
      [
        `matching-service, ${options.candidates} candidates (${events.length} events)`,
        String(summary.matching.perS),
        String(summary.matching.seconds),
        `${summary.matching.ratio}×`,
      ],
      [`raw kafkajs consume, same messages (baseline)`, String(summary.rawConsumePerS), String(round(events.length / raw, 1)), '1×'],
      [
        `100,000 candidates${summary.hundredThousand.extrapolated ? ' (extrapolated at the measured rate)' : ''}`,
        '',
        String(summary.hundredThousand.seconds),
        '',
      ],
    ])}\n\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

runBench('seed', main);
