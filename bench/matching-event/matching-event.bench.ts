/**
 * The cost of ONE new event in the real matching-service at a realistic size (issue 5: "its measured cost for one
 * new event at 10,000 candidates and 1,000 open needs").
 *
 *   node -r ts-node/register -r tsconfig-paths/register bench/matching-event/matching-event.bench.ts \
 *     [--candidates 10000] [--needs 1000] [--events 20] [--warmup 3] [--baseline-runs 7] [--seed 1]
 *
 * (or BENCH_CANDIDATES, BENCH_NEEDS, BENCH_EVENTS, BENCH_WARMUP, BENCH_BASELINE_RUNS, BENCH_SEED; LOG_LEVEL=info or
 * debug also shows the service's own logs, otherwise only its warnings). Progress and logs: JSON lines on stderr. Result: a table and, as the
 * last line, a JSON summary on stdout.
 *
 * What runs: a real PostgreSQL in a temp dir, matching-service from `createMatchingApp` on the in-process broker.
 * The state is seeded through the service's own consumer handler (projection + matching engine), many events per
 * transaction: first the candidates' registrations and validations (no needs yet, so nothing to score), then the
 * needs, each scored against the candidates holding its tasks and solved incrementally, exactly as live. Then the
 * app is restarted, so the in-memory assignment is rebuilt from the tables as after a deploy.
 *
 * Measured: for each fresh event, the wall time from appending it to the broker topic the service consumes until the
 * consumer has committed it (decode, inbox transaction with projection, re-scoring, incremental solve, proposals and
 * outbox rows, COMMIT). Baseline, same run: `assign()` from scratch over the very graph the service holds in memory.
 *
 * The parts: world.ts (the seeded data generator), service.ts (starting, seeding and sending events to the service),
 * phase-clock.ts + event-path.ts (where the time goes, from wrapped service methods), report.ts (the table and JSON
 * summary), with the statistics of bench/support/stats.ts.
 */
import 'reflect-metadata';
import { NeedPostedV1, TaskValidatedV1 } from '@jobbspar/contracts';
import { assign } from '@jobbspar/matching-core';
import { DEFAULT_AUDIENCE, JsonLogger } from '@jobbspar/platform';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { matchingSettings, type MatchingConfig } from '../../apps/matching-service/src/config/env';
import { componentLogger, startPostgres, type PostgresHandle } from '@jobbspar/infra';
import { runBench } from '../support/main';
import { median, round } from '../support/stats';
import { installPhaseClock } from './event-path';
import { PhaseClock } from './phase-clock';
import { describeSamples, graphSizes, table, type EventSample } from './report';
import { EventSender, heldInstance, relayIdle, seed, startService, type Service } from './service';
import { World } from './world';

const log = componentLogger('bench.matching-event');

// ---------------------------------------------------------------------------------------------------------------
// Options

interface Options {
  candidates: number;
  needs: number;
  events: number;
  warmup: number;
  baselineRuns: number;
  seed: number;
}

function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(argv[i])}; use --name value`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    flags.set(m[1], value);
  }
  const known = ['candidates', 'needs', 'events', 'warmup', 'baseline-runs', 'seed'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name} (known: ${known.join(', ')})`);
  const int = (flag: string, envName: string, fallback: number, min: number): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} / ${envName} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    candidates: int('candidates', 'BENCH_CANDIDATES', 10_000, 10),
    needs: int('needs', 'BENCH_NEEDS', 1_000, 1),
    events: int('events', 'BENCH_EVENTS', 20, 1),
    warmup: int('warmup', 'BENCH_WARMUP', 3, 0),
    baselineRuns: int('baseline-runs', 'BENCH_BASELINE_RUNS', 7, 3),
    seed: int('seed', 'BENCH_SEED', 1, 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const level = (process.env.LOG_LEVEL ?? '').toLowerCase();
  // The service logs JSON on stdout; here stdout carries the result, so its lines go to stderr, and only warnings
  // and the rebuild line unless LOG_LEVEL asks for more.
  let rebuildMs: number | undefined;
  JsonLogger.threshold = level === 'debug' ? 'debug' : 'info';
  JsonLogger.sink = (line) => {
    const entry = JSON.parse(line) as { level?: string; msg?: string; ms?: number };
    if (entry.msg === 'assignment rebuilt') rebuildMs = entry.ms;
    const shown = level === 'debug' || level === 'info' || entry.level === 'warn' || entry.level === 'error';
    if (shown || entry.msg === 'assignment rebuilt') process.stderr.write(`${line}\n`);
  };
  log.info('starting', { ...options });

  const world = new World(options.seed);
  let postgres: PostgresHandle | undefined;
  let service: Service | undefined;
  try {
    postgres = await startPostgres();
    const prefix = 'bench.';
    // Events only, no HTTP: no token is ever checked, so the issuer is never contacted.
    const config: MatchingConfig = {
      databaseUrl: postgres.url,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: { issuer: 'http://127.0.0.1:9/unused', audience: DEFAULT_AUDIENCE },
    };
    const settings = matchingSettings(config);
    service = await startService(config);
    const seeded = await seed(service, world, options);

    // Restart, as after a deploy: the next event rebuilds the assignment from match_edges and the proposals.
    log.info('restarting matching-service to rebuild its in-memory assignment from the tables');
    await service.app.close();
    rebuildMs = undefined;
    service = await startService(config);

    const clock = new PhaseClock();
    installPhaseClock(clock);
    const sender = new EventSender(service, prefix);
    const consenting = world.candidates.filter((c) => c.consent);
    // Long runs at 20k × 2k reach candidates who already hold every task of their occupation at level 3 (such a
    // validation would change nothing): pick another one.
    const taskValidated = (): Promise<number> => {
      for (let tries = 0; tries < 1000; tries++) {
        const c = world.pick(consenting);
        const validation = world.nextValidation(c);
        if (validation) return sender.send(TaskValidatedV1, validation, c.id, c.tenant);
      }
      throw new Error('no candidate left whose level a validation would change');
    };
    const needPosted = (): Promise<number> => {
      const need = world.need();
      return sender.send(NeedPostedV1, need, need.needId, `se-${need.countyCode}`);
    };

    // The first event after the restart pays for the rebuild; it is reported on its own.
    log.info('first event after restart (rebuilds the assignment)');
    const restart = { rebuildMs: undefined as number | undefined, firstEventMs: round(await needPosted(), 2) };
    restart.rebuildMs = rebuildMs;
    log.info('rebuilt', restart);
    for (let i = 0; i < options.warmup; i++) {
      await taskValidated();
      await needPosted();
    }
    log.info('warm-up done', { eventsPerKind: options.warmup });

    // Baseline in the same run: a from-scratch exact solve of the graph the service holds right now. One
    // uncounted run first: the first solve in a process pays for compiling the solver.
    const held = heldInstance(service.engine);
    let baselineTotal = assign(held.instance).total;
    const baselineRuns: number[] = [];
    for (let i = 0; i < options.baselineRuns; i++) {
      const started = performance.now();
      baselineTotal = assign(held.instance).total;
      baselineRuns.push(performance.now() - started);
      log.info('baseline run', { run: i + 1, of: options.baselineRuns, ms: round(baselineRuns[i], 2) });
    }
    // Both solve on the same micro-point grid, so two exact optima agree up to float rounding of the sum.
    if (Math.abs(baselineTotal - held.total) > 1e-3) {
      log.warn('from-scratch total differs from the service’s incremental total', { fromScratch: baselineTotal, service: held.total });
    }

    // Measured: fresh events of both kinds, interleaved so that neither sees a graph the other has not.
    const samples: EventSample[] = [];
    clock.enabled = true;
    for (let i = 0; i < options.events; i++) {
      for (const kind of ['TaskValidated', 'NeedPosted'] as const) {
        // The relay publishes right after each commit: its turn for the event before is over before this one is sent,
        // so that neither its statements nor its time are counted as this event's.
        clock.enabled = false;
        await relayIdle(service);
        clock.enabled = true;
        clock.reset();
        const wallMs = await (kind === 'TaskValidated' ? taskValidated() : needPosted());
        const phases = Object.fromEntries(clock.ms);
        const accounted = [...clock.ms.values()].reduce((a, b) => a + b, 0);
        phases['other (decode, inbox, commit)'] = Math.max(0, wallMs - accounted);
        samples.push({
          kind,
          wallMs,
          phases,
          scored: clock.calls.get('filter + score') ?? 0,
          statements: clock.statements,
          added: clock.lastSolve?.added ?? 0,
          removed: clock.lastSolve?.removed ?? 0,
        });
      }
      log.info('measuring', { round: i + 1, of: options.events });
    }
    clock.enabled = false;

    const baselineMs = median(baselineRuns);
    const summary = {
      bench: 'matching-event',
      options,
      environment: {
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        transport: 'in-process',
        postgres: 'embedded, fsync off',
      },
      graph: {
        ...(await graphSizes(service, seeded.validations)),
        capacities: { candidateK: settings.maxOpenProposalsPerCandidate, proposalsPerPositionM: settings.proposalsPerPosition },
      },
      seed: { totalS: seeded.totalS, candidatesS: seeded.candidatesS, needsS: seeded.needsS },
      restart,
      baseline: {
        what: 'assign() from scratch over the graph the service holds (same run)',
        runs: baselineRuns.map((x) => round(x, 2)),
        medianMs: round(baselineMs, 2),
        total: round(baselineTotal, 6),
        serviceTotal: round(held.total, 6),
        edges: held.instance.edges.length,
      },
      events: {
        TaskValidated: describeSamples(samples, 'TaskValidated', baselineMs),
        NeedPosted: describeSamples(samples, 'NeedPosted', baselineMs),
      },
    };
    process.stdout.write(table(summary));
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await service?.app.close().catch((error: unknown) => log.warn('closing matching-service failed', { error: String(error) }));
    await postgres?.stop();
  }
}

runBench('matching-event', main);
