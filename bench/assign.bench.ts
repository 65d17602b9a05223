/**
 * The exact assignment against OR-Tools' min-cost flow (and scipy's linear_sum_assignment on the dense instance),
 * measured in the same run, in interleaved rounds.
 *
 *   node -r ts-node/register -r tsconfig-paths/register bench/assign.bench.ts \
 *     [--cases dense800,capacity] [--rounds 5] [--strategies default,cost-scaling,shortest-paths] [--seed 1]
 *
 * (or BENCH_CASES, BENCH_ROUNDS, BENCH_STRATEGIES, BENCH_SEED). Cases (bench/random-instance.ts, seeded):
 * - "dense800": 800 × 800, every pair an edge, capacity 1, integer scores 1..100 (like OR-Library's assign800);
 * - "capacity": 20k candidates × 2k needs, 20 edges per candidate within commuting distance (~400k edges), K = 3,
 *   M = 3: the shape of issue 14;
 * - "contended": 200k edges, 4k candidates of capacity 1 and 400 needs of six proposals per position, so that both
 *   sides compete for the same partners: the case where shortest paths alone are slow and 'auto' switches;
 * - "regional1m" (not by default): a million edges, 50 per candidate, 20k × 2k, K = 3, M = 3 (shapeForEdges).
 * Each round runs, one after the other on the same instance: our `assign()` with each strategy asked for
 * ("default" lets it choose), OR-Tools SimpleMinCostFlow (graph built from arrays + solve), and for the dense case
 * scipy's linear_sum_assignment. Medians over the rounds; ratio = ours / baseline. Every total is checked against
 * OR-Tools' optimum (and every assignment against the capacities). The Python side runs in a venv the benchmark makes
 * from PyPI on first use (bench/assignment/reference.ts); if that is impossible, the baselines are reported
 * unavailable and only our figures are given.
 * CPU times are reported beside (ours: this process; theirs: the Python process), as a check on a loaded machine.
 * Ours is also timed on the instance by index (`assignIndexed`: typed arrays made before the clock starts, as the
 * Python side gets arrays), without ids to validate and index or edge objects to read.
 * Our time is also split into its phases (validation and graph building vs. solving), from `buildFlow`, and the table
 * says which start 'auto' took (shortest paths, or the switch to cost scaling) after how many arc scans per arc.
 * Progress: JSON lines on stderr. Result: a table, then a JSON summary as the last line of stdout.
 */
import {
  assign,
  assignIndexed,
  SCORE_SCALE,
  type Assignment,
  type IndexedInstance,
  type Instance,
  type SolveStrategy,
} from '@jobbspar/matching-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFlow } from '../libs/matching-core/src/assign';
import { componentLogger } from '@jobbspar/infra';
import { ReferenceSolvers, type ReferenceSolver } from './assignment/reference';
import { option, table, timed } from './bench-util';
import { median, ratio, round } from './support/stats';
import { capacityShape, denseInstance, generateInstance, shapeForEdges } from './random-instance';

const log = componentLogger('assign-bench');

type Strategy = 'default' | SolveStrategy;

interface Case {
  name: string;
  instance: Instance;
  scipy: boolean;
}

function makeCase(name: string, seed: number): Case {
  switch (name) {
    case 'dense800':
      return { name, instance: denseInstance(800, seed), scipy: true };
    case 'capacity':
      return { name, instance: generateInstance(capacityShape(20_000, 2_000, 20, seed)), scipy: false };
    case 'contended':
      return {
        name,
        instance: generateInstance({ ...shapeForEdges(200_000, seed), candidateCapacity: 1, proposalsPerPosition: 6 }),
        scipy: false,
      };
    case 'regional1m':
      return { name, instance: generateInstance(shapeForEdges(1_000_000, seed)), scipy: false };
    default:
      throw new Error(`unknown case ${name} (dense800, capacity, contended, regional1m)`);
  }
}

/**
 * The instance as integer arrays for the Python side, in units of the weights' greatest common divisor (cents for
 * two-decimal scores, points for the dense case), so that both sides optimise the same integers.
 */
function referenceFile(instance: Instance, file: string): number {
  const ci = new Map(instance.candidates.map((c, i) => [c.id, i]));
  const ni = new Map(instance.needs.map((n, j) => [n.id, j]));
  const micro = instance.edges.map((e) => Math.round(e.score * SCORE_SCALE));
  let unit = 0;
  for (const w of micro) unit = gcd(unit, w);
  unit = Math.max(1, unit);
  writeFileSync(
    file,
    JSON.stringify({
      nc: instance.candidates.length,
      nn: instance.needs.length,
      capC: instance.candidates.map((c) => c.capacity),
      capN: instance.needs.map((n) => n.capacity),
      ec: instance.edges.map((e) => ci.get(e.candidate)),
      en: instance.edges.map((e) => ni.get(e.need)),
      w: micro.map((w) => w / unit),
    }),
  );
  return unit;
}

/** The instance by index (assignIndexed's input), made before any clock starts, as the Python side gets arrays. */
function indexedOf(instance: Instance): IndexedInstance {
  const ci = new Map(instance.candidates.map((c, i) => [c.id, i]));
  const ni = new Map(instance.needs.map((n, j) => [n.id, j]));
  return {
    candidateCapacity: instance.candidates.map((c) => c.capacity),
    needCapacity: instance.needs.map((n) => n.capacity),
    needSupervisedCapacity: instance.needs.map((n) => n.supervisedCapacity),
    edgeCandidate: Int32Array.from(instance.edges, (e) => ci.get(e.candidate)!),
    edgeNeed: Int32Array.from(instance.edges, (e) => ni.get(e.need)!),
    edgeScore: Float64Array.from(instance.edges, (e) => e.score),
    edgeCloseSupervision: Uint8Array.from(instance.edges, (e) => (e.closeSupervision ? 1 : 0)),
  };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkCapacities(instance: Instance, result: Assignment, label: string): void {
  const capC = new Map(instance.candidates.map((c) => [c.id, c.capacity]));
  const capN = new Map(instance.needs.map((n) => [n.id, n.capacity]));
  const seen = new Set<string>();
  for (const p of result.pairs) {
    const key = `${p.candidate}\u0000${p.need}`;
    if (seen.has(key)) throw new Error(`${label}: pair ${p.candidate}-${p.need} twice`);
    seen.add(key);
    capC.set(p.candidate, capC.get(p.candidate)! - 1);
    capN.set(p.need, capN.get(p.need)! - 1);
    if (capC.get(p.candidate)! < 0 || capN.get(p.need)! < 0) throw new Error(`${label}: capacity exceeded at ${p.candidate}-${p.need}`);
  }
}

interface CaseResult {
  case: string;
  candidates: number;
  needs: number;
  edges: number;
  total: number;
  /** Median ms per strategy of ours. */
  ours: Record<string, number>;
  /** Median ms of building the flow (validation, dedup, graph) alone. */
  buildMs: number;
  /** Median ms of assignIndexed (default strategy) on the same instance by index, as OR-Tools gets it (arrays made before). */
  indexedMs: number;
  ratioIndexedToOrtools: number | null;
  /** How the default ('auto') solve went: the start it used, its searches and arc scans per arc (first round). */
  auto: { start: string | null; searches: number; scansPerArc: number };
  ortoolsMs: number | null;
  scipyMs: number | null;
  ratioToOrtools: number | null;
  ratioToScipy: number | null;
  /** The same in CPU time (ours: this process, GC threads included; theirs: the Python process). */
  oursCpuMs: number;
  ortoolsCpuMs: number | null;
  cpuRatioToOrtools: number | null;
}

/** Wall and CPU time of one call. */
function timedCpu<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const c = process.cpuUsage();
  const { value, ms } = timed(fn);
  const used = process.cpuUsage(c);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

async function measure(
  c: Case,
  strategies: readonly Strategy[],
  rounds: number,
  ref: ReferenceSolvers | null,
  dir: string,
): Promise<CaseResult> {
  const { instance } = c;
  const file = path.join(dir, `${c.name}.json`);
  const unit = referenceFile(instance, file);
  const useOrtools = ref !== null && ref.has('ortools-mcf');
  const useScipy = ref !== null && c.scipy && ref.has('scipy-lsa');
  if (ref !== null) await ref.load(file);
  const ours: Record<string, number[]> = Object.fromEntries(strategies.map((s) => [s, []]));
  const oursCpu: number[] = [];
  const ortoolsCpu: number[] = [];
  const build: number[] = [];
  const indexedRuns: number[] = [];
  const byIndex = indexedOf(instance);
  const reference: Record<ReferenceSolver, number[]> = { 'ortools-mcf': [], 'scipy-lsa': [] };
  let total = NaN;
  let auto: CaseResult['auto'] = { start: null, searches: 0, scansPerArc: 0 };
  for (let r = 0; r < rounds; r++) {
    const line: Record<string, number> = {};
    for (const s of strategies) {
      const run = timedCpu(() => assign(instance, s === 'default' ? {} : { strategy: s }));
      if (s === strategies[0]) oursCpu.push(run.cpuMs);
      checkCapacities(instance, run.value, `${c.name} ${s}`);
      if (Number.isNaN(total)) total = run.value.total;
      else if (run.value.total !== total) throw new Error(`${c.name}: ${s} total ${run.value.total} differs from ${total}`);
      ours[s].push(run.ms);
      line[s] = round(run.ms);
    }
    const ix = timed(() => assignIndexed(byIndex));
    if (ix.value.total !== total) throw new Error(`${c.name}: assignIndexed total ${ix.value.total} differs from ${total}`);
    indexedRuns.push(ix.ms);
    line.indexed = round(ix.ms);
    const b = timed(() => buildFlow(instance));
    build.push(b.ms);
    line.build = round(b.ms);
    if (r === 0) {
      // Untimed: which start 'auto' takes here, and how much searching it did before it finished or switched.
      const { flow } = b.value;
      flow.repair();
      const arcs = instance.edges.length + instance.candidates.length + instance.needs.length;
      auto = { start: flow.startUsed, searches: flow.searchCount, scansPerArc: round(flow.scanCount / arcs, 1) };
      log.info('auto', { case: c.name, ...auto });
    }
    for (const solver of ['ortools-mcf', 'scipy-lsa'] as const) {
      if (solver === 'ortools-mcf' ? !useOrtools : !useScipy) continue;
      const res = await ref!.solve(solver);
      const oursUnits = Math.round((total * SCORE_SCALE) / unit);
      if (res.total !== oursUnits) throw new Error(`${c.name}: ${solver} optimum ${res.total} units, ours ${oursUnits} (unit ${unit} µpt)`);
      reference[solver].push(res.ms);
      if (solver === 'ortools-mcf') ortoolsCpu.push(res.cpuMs);
      line[solver] = round(res.ms);
    }
    log.info('round', { case: c.name, round: r + 1, ms: line });
  }
  const ortoolsMs = useOrtools ? median(reference['ortools-mcf']) : null;
  const scipyMs = useScipy ? median(reference['scipy-lsa']) : null;
  const main = median(ours[strategies[0]]);
  return {
    case: c.name,
    candidates: instance.candidates.length,
    needs: instance.needs.length,
    edges: instance.edges.length,
    total,
    ours: Object.fromEntries(strategies.map((s) => [s, round(median(ours[s]))])),
    buildMs: round(median(build)),
    indexedMs: round(median(indexedRuns)),
    ratioIndexedToOrtools: ortoolsMs === null ? null : ratio(median(indexedRuns), ortoolsMs, 2),
    auto,
    ortoolsMs: ortoolsMs === null ? null : round(ortoolsMs),
    scipyMs: scipyMs === null ? null : round(scipyMs, 2),
    ratioToOrtools: ortoolsMs === null ? null : ratio(main, ortoolsMs, 2),
    ratioToScipy: scipyMs === null ? null : ratio(main, scipyMs, 1),
    oursCpuMs: round(median(oursCpu)),
    ortoolsCpuMs: useOrtools ? round(median(ortoolsCpu)) : null,
    cpuRatioToOrtools: useOrtools ? ratio(median(oursCpu), median(ortoolsCpu), 2) : null,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const cases = option(argv, 'cases', 'dense800,capacity,contended').split(',');
  const rounds = Number(option(argv, 'rounds', '5'));
  const strategies = option(argv, 'strategies', 'default,cost-scaling,shortest-paths').split(',') as Strategy[];
  const seed = Number(option(argv, 'seed', '1'));
  const started = await ReferenceSolvers.start();
  const ref = 'unavailable' in started ? null : started;
  if (ref === null)
    log.warn('reference solvers unavailable: only our figures are measured', { reason: (started as { unavailable: string }).unavailable });
  else log.info('reference solvers', { ...ref.versions });
  const dir = mkdtempSync(path.join(tmpdir(), 'assign-bench-'));
  const results: CaseResult[] = [];
  try {
    for (const name of cases) {
      const gen = timed(() => makeCase(name, seed));
      log.info('instance generated', { case: name, edges: gen.value.instance.edges.length, ms: round(gen.ms) });
      results.push(await measure(gen.value, strategies, rounds, ref, dir));
    }
  } finally {
    ref?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const na = (x: number | null) => (x === null ? 'unavailable' : String(x));
  const rows = [
    [
      'case',
      'cand × needs',
      'edges',
      ...strategies.map((s) => `ours ${s} ms`),
      'ours build ms',
      'ours by index ms',
      'by index/OR-Tools',
      'auto chose',
      'OR-Tools ms',
      'ours/OR-Tools',
      'scipy ms',
      'ours/scipy',
      'CPU ms ours/OR-Tools',
    ],
    ...results.map((r) => [
      r.case,
      `${r.candidates} × ${r.needs}`,
      String(r.edges),
      ...strategies.map((s) => String(r.ours[s])),
      String(r.buildMs),
      String(r.indexedMs),
      na(r.ratioIndexedToOrtools),
      `${r.auto.start} (${r.auto.scansPerArc} scans/arc)`,
      na(r.ortoolsMs),
      na(r.ratioToOrtools),
      r.scipyMs === null ? (ref === null ? 'unavailable' : '-') : String(r.scipyMs),
      r.ratioToScipy === null ? (ref === null ? 'unavailable' : '-') : String(r.ratioToScipy),
      r.cpuRatioToOrtools === null ? 'unavailable' : `${r.oursCpuMs}/${r.ortoolsCpuMs} = ${r.cpuRatioToOrtools}`,
    ]),
  ];
  process.stdout.write(
    `${table(rows)}\n(medians of ${rounds} interleaved rounds; ratios use ours "${strategies[0]}"; baselines: OR-Tools ${ref?.versions.ortools ?? 'unavailable'} ` +
      `SimpleMinCostFlow, scipy ${ref?.versions.scipy ?? 'unavailable'} linear_sum_assignment, same run, Python ${ref?.versions.python ?? '-'})\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'assign',
      rounds,
      seed,
      node: process.version,
      baselines: ref === null ? { unavailable: (started as { unavailable: string }).unavailable } : ref.versions,
      cases: results,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  log.error('assign bench failed', { error: (error as Error).stack ?? String(error) });
  process.exitCode = 1;
});
