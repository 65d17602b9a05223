/**
 * Exact assignment at scale against a greedy baseline measured in the same run.
 *
 *   node -r ts-node/register -r tsconfig-paths/register bench/assign.bench.ts [--sizes 100000,1000000] [--reps 5] [--seed 1]
 *
 * (or BENCH_SIZES, BENCH_REPS, BENCH_SEED). For each edge count, instances from bench/random-instance.ts (seeded):
 * - "regional": our expected shape (50 edges per candidate, K = 3, M = 3: need units are the scarce side);
 * - "contended": every candidate capacity 1 and six proposals per position, so that need units about equal candidate
 *   units and both sides compete for the same strong partners: the hard case for shortest paths alone (measured up
 *   to 200k edges only; at 1M edges it takes tens of seconds).
 * Timed, each as the median of --reps runs: the greedy baseline (best edge first while capacities allow), the exact
 * `assign()` (cost scaling + shortest-path repair, the default), and the exact solve by shortest paths alone.
 * Every run is checked: capacities, one pair per edge, and the exact total ≥ the greedy total, equal for both exact
 * strategies. Progress: JSON lines on stderr. Result: a table, then a JSON summary as the last line of stdout.
 */
import { assign, type Assignment, type Instance } from '@jobbspar/matching-core';
import { componentLogger } from '../scripts/infra/log';
import { median, option, round, table, timed } from './bench-util';
import { generateInstance, shapeForEdges, type InstanceShape } from './random-instance';

const log = componentLogger('assign-bench');

/** Best edge first, taken while both sides have capacity left: the obvious non-exact alternative. */
export function greedyAssign(instance: Instance): Assignment {
  const candidateIndex = new Map(instance.candidates.map((c, i) => [c.id, i]));
  const needIndex = new Map(instance.needs.map((n, j) => [n.id, j]));
  const leftC = Int32Array.from(instance.candidates.map((c) => c.capacity));
  const leftN = Int32Array.from(instance.needs.map((n) => n.capacity));
  const m = instance.edges.length;
  const ec = new Int32Array(m);
  const en = new Int32Array(m);
  const score = new Float64Array(m);
  instance.edges.forEach((e, k) => {
    ec[k] = candidateIndex.get(e.candidate)!;
    en[k] = needIndex.get(e.need)!;
    score[k] = Math.round(e.score * 1e6);
  });
  const order = new Uint32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  order.sort((a, b) => score[b] - score[a] || a - b);
  const taken = new Set<number>();
  const pairs: { candidate: string; need: string }[] = [];
  let total = 0;
  const nn = instance.needs.length;
  for (const k of order) {
    if (score[k] <= 0) break;
    const c = ec[k];
    const n = en[k];
    const key = c * nn + n;
    if (leftC[c] === 0 || leftN[n] === 0 || taken.has(key)) continue;
    taken.add(key);
    leftC[c]--;
    leftN[n]--;
    total += score[k];
    pairs.push({ candidate: instance.candidates[c].id, need: instance.needs[n].id });
  }
  return { total: total / 1e6, pairs };
}

function check(instance: Instance, result: Assignment, label: string): void {
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

interface Row {
  edges: number;
  shape: string;
  candidates: number;
  needs: number;
  greedyMs: number;
  exactMs: number;
  shortestPathsMs: number | null;
  exactTotal: number;
  greedyTotal: number;
  pairs: number;
  rssMb: number;
}

function measure(shapeName: string, shape: InstanceShape, reps: number, withShortestPaths: boolean): Row {
  const gen = timed(() => generateInstance(shape));
  const instance: Instance = gen.value;
  log.info('instance generated', { shape: shapeName, edges: instance.edges.length, ms: round(gen.ms) });
  const greedyMs: number[] = [];
  const exactMs: number[] = [];
  const spMs: number[] = [];
  let greedy: Assignment | undefined;
  let exact: Assignment | undefined;
  for (let r = 0; r < reps; r++) {
    const g = timed(() => greedyAssign(instance));
    greedyMs.push(g.ms);
    greedy = g.value;
    const e = timed(() => assign(instance));
    exactMs.push(e.ms);
    exact = e.value;
    check(instance, g.value, 'greedy');
    check(instance, e.value, 'exact');
    if (e.value.total < g.value.total) throw new Error(`exact total ${e.value.total} below greedy ${g.value.total}`);
    if (withShortestPaths) {
      const s = timed(() => assign(instance, { strategy: 'shortest-paths' }));
      spMs.push(s.ms);
      if (s.value.total !== e.value.total) throw new Error(`strategies disagree: ${s.value.total} vs ${e.value.total}`);
    }
    log.info('repetition', {
      shape: shapeName,
      edges: instance.edges.length,
      rep: r + 1,
      greedyMs: round(g.ms),
      exactMs: round(e.ms),
      shortestPathsMs: withShortestPaths ? round(spMs[spMs.length - 1]) : undefined,
    });
  }
  return {
    edges: instance.edges.length,
    shape: shapeName,
    candidates: instance.candidates.length,
    needs: instance.needs.length,
    greedyMs: round(median(greedyMs)),
    exactMs: round(median(exactMs)),
    shortestPathsMs: withShortestPaths ? round(median(spMs)) : null,
    exactTotal: exact!.total,
    greedyTotal: greedy!.total,
    pairs: exact!.pairs.length,
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const sizes = option(argv, 'sizes', '100000,1000000').split(',').map(Number);
  const reps = Number(option(argv, 'reps', '5'));
  const seed = Number(option(argv, 'seed', '1'));
  const rows: Row[] = [];
  for (const edges of sizes) {
    const regional = shapeForEdges(edges, seed);
    rows.push(measure('regional', regional, reps, true));
    rows.push(measure('contended', { ...regional, candidateCapacity: 1, proposalsPerPosition: 6 }, reps, edges <= 200_000));
  }

  const out = [
    [
      'edges',
      'shape',
      'cand × needs',
      'greedy ms',
      'exact ms',
      'exact/greedy time',
      'shortest-paths-only ms',
      'exact total',
      'greedy total',
      'exact/greedy total',
      'pairs',
    ],
    ...rows.map((r) => [
      String(r.edges),
      r.shape,
      `${r.candidates} × ${r.needs}`,
      String(r.greedyMs),
      String(r.exactMs),
      String(round(r.exactMs / r.greedyMs, 2)),
      r.shortestPathsMs === null ? '-' : String(r.shortestPathsMs),
      String(r.exactTotal),
      String(r.greedyTotal),
      String(round(r.exactTotal / r.greedyTotal, 4)),
      String(r.pairs),
    ]),
  ];
  process.stdout.write(`${table(out)}\n(medians of ${reps} runs; baseline: greedy best-edge-first on the same instance, same run)\n`);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'assign',
      reps,
      seed,
      node: process.version,
      rows: rows.map((r) => ({ ...r, timeRatio: round(r.exactMs / r.greedyMs, 3), totalRatio: round(r.exactTotal / r.greedyTotal, 5) })),
    })}\n`,
  );
}

main();
