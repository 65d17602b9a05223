/**
 * One measured round of a burst of candidate events on real Kafka: the same messages read by a raw kafkajs consumer
 * (the baseline), by the backbone with a no-op handler, and by matching-service's consumer path, each on a topic
 * prefix and a database of its own round, so nothing carries over between rounds.
 */
import { EventPipeline, messagingMetrics, type OutgoingMessage } from '@jobbspar/messaging';
import { physicalTopic } from '@jobbspar/contracts';
import { counter } from '@jobbspar/platform';
import type { Producer } from 'kafkajs';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EntityManager } from 'typeorm';
import { round } from '../support/stats';
import { NOOP_SCHEMA, startNoopService } from './noop-service';
import {
  cpuSince,
  cpuSnapshot,
  type CpuSnapshot,
  inboxCount,
  type Infra,
  log,
  produceAll,
  rate,
  rawConsume,
  startMatching,
  TOPICS,
  waitForCount,
} from './support';

/** How matching-service's consumer runs: partitions at once and events per batch (undefined: the service's defaults). */
export interface MatchingVariant {
  partitions?: number;
  maxBatch?: number;
}

/** One run of matching-service over the burst. */
export interface MatchingRun {
  variant: MatchingVariant;
  perS: number;
  ms: number;
  uncounted: number;
  statementsPerEvent: number;
  /** CPU milliseconds per 1,000 events in the run's window: this process (the service) and PostgreSQL. */
  nodeCpuMsPer1k: number;
  postgresCpuMsPer1k: number;
}

export interface BurstRound {
  rawProducePerS: number;
  rawConsumePerS: number;
  noopPerS?: number;
  /** Every variant asked for, in order; the figures below are the first one's. */
  matchingRuns: MatchingRun[];
  matchingPerS: number;
  matchingMs: number;
  /** Events applied before the clock started (the first poll that saw the count move). */
  matchingUncounted: number;
  /** SQL statements matching-service's transactions ran per event of the burst (EntityManager.query calls). */
  matchingStatementsPerEvent: number;
}

/** Counts the statements run through an EntityManager (every transaction's work; the bench's polls go around it). */
let statements = 0;
/** With BENCH_SQL_PROFILE=1, statements are also counted by their text (the profile issue 14 asks for). */
const profiling = process.env.BENCH_SQL_PROFILE === '1';
const byText = new Map<string, { n: number; ms: number; bytes: number }>();
/** A parameter's size on the wire, roughly: its text (arrays and JSON as pg serialises them). */
const sizeOf = (value: unknown): number =>
  value === null || value === undefined
    ? 0
    : typeof value === 'string'
      ? value.length
      : Array.isArray(value)
        ? value.reduce((n: number, v) => n + sizeOf(v) + 1, 2)
        : String(value).length;
const query = EntityManager.prototype.query;
EntityManager.prototype.query = function (this: EntityManager, ...args: Parameters<EntityManager['query']>) {
  statements++;
  if (!profiling) return query.apply(this, args);
  const text = String(args[0]).replace(/\s+/g, ' ').slice(0, 110);
  const entry = byText.get(text) ?? { n: 0, ms: 0, bytes: 0 };
  byText.set(text, entry);
  entry.n++;
  entry.bytes += String(args[0]).length + sizeOf(args[1]);
  const started = performance.now();
  return query.apply(this, args).finally(() => (entry.ms += performance.now() - started));
} as EntityManager['query'];

/** The statements matching-service ran since `since` (a snapshot of the profile), most time first: per event, ms and bytes sent in all. */
function profileSince(
  since: Map<string, { n: number; ms: number; bytes: number }>,
  events: number,
): { perEvent: number; ms: number; bytesPerEvent: number; sql: string }[] {
  return [...byText]
    .filter(([sql, { n }]) => n > (since.get(sql)?.n ?? 0))
    .map(([sql, { n, ms, bytes }]) => ({
      sql,
      // Significant digits, not decimals: with batches of thousands a statement runs once per several thousand events.
      perEvent: Number(((n - (since.get(sql)?.n ?? 0)) / events).toPrecision(3)),
      ms: Math.round(ms - (since.get(sql)?.ms ?? 0)),
      bytesPerEvent: Math.round((bytes - (since.get(sql)?.bytes ?? 0)) / events),
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 25);
}

/**
 * With BENCH_CPU_PROFILE=<dir>, this process's CPU profile of each measured window (the no-op pipeline's, each
 * matching run's: from its first batch to its last event applied) is written there as a .cpuprofile (open it in Chrome's
 * DevTools), so what the service spends its time on is seen without the start-up and the raw baselines around it.
 */
const profileDir = process.env.BENCH_CPU_PROFILE;
let inspector: Session | undefined;

function post<T>(session: Session, method: string): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));
}

async function startProfile(): Promise<void> {
  if (!profileDir) return;
  inspector ??= new Session();
  inspector.connect();
  await post(inspector, 'Profiler.enable');
  await post(inspector, 'Profiler.start');
}

interface Profile {
  nodes: unknown[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds on the profiler's clock (V8's and libuv's monotonic clock alike). */
const profilerNow = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Stops the profile started before the service (starting the profiler stalls the process for a while, so it is
 * started outside the window) and keeps only the samples of the window [from, now].
 */
async function stopProfile(name: string, from: number | undefined): Promise<void> {
  if (!profileDir || !inspector) return;
  const to = profilerNow();
  const { profile } = await post<{ profile: Profile }>(inspector, 'Profiler.stop');
  inspector.disconnect();
  const samples: number[] = [];
  const deltas: number[] = [];
  let at = profile.startTime;
  let last = from ?? profile.startTime;
  profile.samples.forEach((sample, i) => {
    at += profile.timeDeltas[i];
    if (at < (from ?? 0) || at > to) return;
    samples.push(sample);
    deltas.push(at - last);
    last = at;
  });
  mkdirSync(profileDir, { recursive: true });
  const file = path.join(profileDir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify({ ...profile, startTime: from ?? profile.startTime, endTime: to, samples, timeDeltas: deltas }));
  log.info('cpu profile written', { file, ms: Math.round((to - (from ?? profile.startTime)) / 1000) });
}

/**
 * A run's window opens when the service's pipeline is handed its first batch of the burst (the burst was published
 * before the service started, so its start-up and group join are outside) and closes when the last event is applied:
 * with batches of thousands, opening at the first commit seen instead left the first batch of every partition (a
 * third of a 20k burst) mostly outside the window while counting it in. Opened by the next processBatch call.
 */
let openWindow: (() => void) | undefined;
const processBatch = EventPipeline.prototype.processBatch;
EventPipeline.prototype.processBatch = function (this: EventPipeline, messages: Parameters<EventPipeline['processBatch']>[0]) {
  const open = openWindow;
  openWindow = undefined;
  open?.();
  return processBatch.call(this, messages);
};

interface Window {
  ms: number;
  cpu: { nodeMs: number; postgresMs: number };
  /** Seconds the run's batches spent in each phase of the pipeline (summed over batches; they overlap across partitions). */
  phases: Record<string, number>;
}

/** matching-service's own phases of a batch's matching (MatchingEngine), by the counter's name. */
const matchingPhases = counter({ name: 'matching_batch_phase_seconds_total', help: 'see MatchingEngine', labelNames: ['phase'] as const });

async function phaseTotals(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const v of (await messagingMetrics.batchPhases.get()).values) out.set(String(v.labels.phase), v.value);
  for (const v of (await matchingPhases.get()).values) out.set(`matching:${String(v.labels.phase)}`, v.value);
  return out;
}

/** Runs `wait` (until the burst is applied) with the window armed; the window's length and the CPU used in it. */
async function measured(infra: Infra, name: string, wait: () => Promise<unknown>): Promise<Window> {
  let openedAt: number | undefined;
  let cpu: CpuSnapshot | undefined;
  let from: number | undefined;
  const phasesBefore = await phaseTotals();
  openWindow = () => {
    openedAt = performance.now();
    cpu = cpuSnapshot(infra);
    from = profilerNow();
  };
  try {
    await wait();
  } finally {
    openWindow = undefined;
  }
  const closedAt = performance.now();
  const used = cpu ? cpuSince(infra, cpu) : { nodeMs: NaN, postgresMs: NaN };
  await stopProfile(name, from);
  const phases: Record<string, number> = {};
  for (const [phase, seconds] of await phaseTotals()) phases[phase] = round(seconds - (phasesBefore.get(phase) ?? 0), 2);
  return { ms: openedAt === undefined ? NaN : closedAt - openedAt, cpu: used, phases };
}

/** Messages are generated once with a placeholder prefix; each round re-addresses them to its own topics. */
export const TEMPLATE_PREFIX = 'template.';

function readdress(messages: readonly OutgoingMessage[], prefix: string): OutgoingMessage[] {
  return messages.map((m) => ({ ...m, topic: prefix + m.topic.slice(TEMPLATE_PREFIX.length) }));
}

export async function burstRound(
  infra: Infra,
  producer: Producer,
  round: number,
  needs: readonly OutgoingMessage[],
  burst: readonly OutgoingMessage[],
  opts: { noop: boolean; tag: string; variants?: readonly MatchingVariant[] },
): Promise<BurstRound> {
  const prefix = `bench.${opts.tag}${round}.${Date.now().toString(36)}.`;
  const candidatesTopic = physicalTopic(prefix, TOPICS.candidates);
  const variants: readonly MatchingVariant[] = opts.variants && opts.variants.length > 0 ? opts.variants : [{}];
  // The state the burst meets: the needs, applied by matching-service (each variant on a database and consumer group
  // of its own) before the burst is published.
  if (needs.length > 0) await produceAll(producer, readdress(needs, prefix));
  const dbs: string[] = [];
  for (const [i, variant] of variants.entries()) {
    const db = await infra.database(`bench_${opts.tag}${round}${i === 0 ? '' : `v${i}`}`);
    dbs.push(db);
    if (needs.length > 0) {
      const warm = await startMatching(infra, db, prefix, { groupPrefix: groupPrefixOf(prefix, i), ...variant });
      await waitForCount('needs applied', () => inboxCount(warm.dataSource), needs.length);
      await warm.close();
    }
  }

  const produceMs = await produceAll(producer, readdress(burst, prefix));
  log.info('burst published', { round, events: burst.length, perSecond: Math.round(rate(burst.length, produceMs)) });

  const raw = await rawConsume(infra.client(`raw-${round}`), `${prefix}raw`, [candidatesTopic], burst.length);
  log.info('raw consume', { round, perSecond: Math.round(rate(raw.count, raw.ms)) });

  let noopPerS: number | undefined;
  if (opts.noop) {
    const noopDb = await infra.database(`bench_${opts.tag}noop${round}`);
    // Armed before the service starts: its first batch opens the window.
    await startProfile();
    let window: Promise<Window> | undefined;
    let started: (() => void) | undefined;
    const ready = new Promise<void>((resolve) => (started = resolve));
    window = measured(infra, `${prefix}noop`, () => ready);
    const noop = await startNoopService(infra, noopDb, prefix);
    try {
      await waitForCount('no-op pipeline', () => inboxCount(noop.dataSource, NOOP_SCHEMA), burst.length);
      started!();
      const w = await window;
      window = undefined;
      noopPerS = rate(burst.length, w.ms);
      log.info('no-op pipeline', {
        round,
        perSecond: Math.round(noopPerS),
        nodeCpuMsPer1k: Math.round((w.cpu.nodeMs / burst.length) * 1000),
        postgresCpuMsPer1k: Math.round((w.cpu.postgresMs / burst.length) * 1000),
        phaseSeconds: w.phases,
      });
    } finally {
      started!();
      await window?.catch(() => undefined);
      await noop.close();
    }
  }

  const runs: MatchingRun[] = [];
  for (const [i, variant] of variants.entries()) {
    runs.push(await matchingRun(infra, dbs[i], prefix, groupPrefixOf(prefix, i), needs.length, burst.length, round, variant));
  }
  const first = runs[0];
  return {
    rawProducePerS: rate(burst.length, produceMs),
    rawConsumePerS: rate(raw.count, raw.ms),
    noopPerS,
    matchingRuns: runs,
    matchingPerS: first.perS,
    matchingMs: first.ms,
    matchingUncounted: first.uncounted,
    matchingStatementsPerEvent: first.statementsPerEvent,
  };
}

/** Each variant's consumer group: its warm-up commits the needs, its measured run resumes after them. */
const groupPrefixOf = (prefix: string, variant: number): string => (variant === 0 ? prefix : `${prefix}v${variant}.`);

/** matching-service over the burst, on the database its warm-up left (the needs held), its group resuming there. */
async function matchingRun(
  infra: Infra,
  db: string,
  prefix: string,
  groupPrefix: string,
  needs: number,
  burst: number,
  round: number,
  variant: MatchingVariant,
): Promise<MatchingRun> {
  await startProfile();
  let started: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => (started = resolve));
  let window: Promise<Window> | undefined = measured(
    infra,
    `${prefix}matching${variant.partitions ?? ''}-${variant.maxBatch ?? ''}`,
    () => ready,
  );
  const matching = await startMatching(infra, db, prefix, { groupPrefix, ...variant });
  const statementsBefore = statements;
  const profileBefore = new Map([...byText].map(([k, v]) => [k, { ...v }]));
  try {
    await waitForCount('matching-service', () => inboxCount(matching.dataSource), needs + burst, { from: needs });
    started!();
    const w = await window;
    window = undefined;
    const used = w.cpu;
    const r = { ms: w.ms, counted: burst };
    const perS = rate(r.counted, r.ms);
    const per1k = (ms: number): number => Math.round((ms / Math.max(1, r.counted)) * 1000);
    log.info('matching-service', {
      round,
      partitions: variant.partitions ?? 'default',
      maxBatch: variant.maxBatch ?? 'default',
      perSecond: Math.round(perS),
      seconds: Math.round(r.ms / 100) / 10,
      nodeCpuMsPer1k: per1k(used.nodeMs),
      postgresCpuMsPer1k: per1k(used.postgresMs),
      phaseSeconds: w.phases,
    });
    if (profiling) log.info('matching-service statements per event', { round, top: profileSince(profileBefore, burst) });
    return {
      variant,
      perS,
      ms: r.ms,
      uncounted: burst - r.counted,
      statementsPerEvent: (statements - statementsBefore) / burst,
      nodeCpuMsPer1k: per1k(used.nodeMs),
      postgresCpuMsPer1k: per1k(used.postgresMs),
    };
  } finally {
    started!();
    await window?.catch(() => undefined);
    await matching.close();
  }
}
