/**
 * The cost of ONE new event for the incremental assigner, against a from-scratch solve of the same graph measured in
 * the same run.
 *
 *   node -r ts-node/register -r tsconfig-paths/register bench/incremental.bench.ts \
 *     [--candidates 10000] [--needs 1000] [--edges-per-candidate 30] [--events 9] [--warmup 2] [--seed 1]
 *
 * (or BENCH_CANDIDATES, BENCH_NEEDS, …). The graph: a seeded region (bench/random-instance.ts) of open needs and the
 * candidates who passed the hard filters for them, within commuting distance; K = 3 open proposals per candidate,
 * M = 3 proposals per position. Loaded into an IncrementalAssigner and solved once. Then, per event type, --events
 * events (after --warmup unmeasured ones), each timed from the first call to the returned diff:
 * - "new need": upsertNeed + setNeedEdges (the need scored against the candidates within reach) + solve;
 * - "candidate re-scored": setEdges for one candidate after a new validation (scores up, a few new needs) + solve;
 * - "need withdrawn": removeNeed + solve.
 * Baseline per event: `assign()` from scratch over the same graph, just after the event; both totals must be equal.
 * Progress: JSON lines on stderr. Result: a table, then a JSON summary as the last line of stdout.
 */
import { assign, IncrementalAssigner, type Instance } from '@jobbspar/matching-core';
import { componentLogger } from '@jobbspar/infra';
import { option, table, timed } from './bench-util';
import { median, ratio, round } from './support/stats';
import { edgeScore, generateInstance, seededRandom } from './random-instance';

const log = componentLogger('incremental-bench');

interface Sample {
  incrementalMs: number;
  scratchMs: number;
  searches: number;
  added: number;
  removed: number;
  edgesTouched: number;
}

function main(): void {
  const argv = process.argv.slice(2);
  const candidates = Number(option(argv, 'candidates', '10000'));
  const needs = Number(option(argv, 'needs', '1000'));
  const edgesPerCandidate = Number(option(argv, 'edges-per-candidate', '30'));
  const events = Number(option(argv, 'events', '9'));
  const warmup = Number(option(argv, 'warmup', '2'));
  const seed = Number(option(argv, 'seed', '1'));

  const region = generateInstance({ seed, candidates, needs, edgesPerCandidate, candidateCapacity: 3, proposalsPerPosition: 3 });
  log.info('instance generated', { candidates, needs, edges: region.edges.length });
  const load = timed(() => {
    const a = new IncrementalAssigner(region);
    a.solve();
    return a;
  });
  const assigner = load.value;
  log.info('initial solve', { ms: round(load.ms), pairs: assigner.pairs().length, total: assigner.total });

  const rnd = seededRandom(seed + 1000);
  const liveNeeds = new Set(region.needs.map((n) => n.id));
  const needPlace = new Map(region.needs.map((n, j) => [n.id, region.needPlace[j]]));
  let nextNeed = 0;

  // Each event is prepared first (untimed: scoring is the service's job), then applied and solved (timed).
  type Prepared = { apply: () => void; edgesTouched: number };

  const newNeed = (): Prepared => {
    const id = `new${nextNeed++}`;
    const place = Math.floor(rnd() * region.reachable.length);
    const attractiveness = rnd() * rnd();
    const edges: { candidate: string; score: number }[] = [];
    // The candidates within commuting distance who hold the role's tasks: about one in five of those nearby.
    for (let i = 0; i < candidates; i++) {
      if (region.reachable[region.candidateHome[i]].includes(place) && rnd() < 0.2) {
        edges.push({ candidate: `c${i}`, score: edgeScore(rnd, rnd(), attractiveness) });
      }
    }
    const capacity = (1 + Math.floor(rnd() * 3)) * 3;
    liveNeeds.add(id);
    needPlace.set(id, place);
    return {
      apply: () => {
        assigner.upsertNeed(id, capacity);
        assigner.setNeedEdges(id, edges);
      },
      edgesTouched: edges.length,
    };
  };

  const rescore = (): Prepared => {
    const i = Math.floor(rnd() * candidates);
    const id = `c${i}`;
    const current = assigner.toInstance().edges.filter((e) => e.candidate === id);
    // A new validation: every existing score rises a little, and a few needs nearby become reachable.
    const edges = current.map((e) => ({ need: e.need, score: Math.min(100, Math.round((e.score + 2 + 6 * rnd()) * 100) / 100) }));
    const nearby = [...liveNeeds].filter((n) => region.reachable[region.candidateHome[i]].includes(needPlace.get(n)!));
    for (let k = 0; k < 3 && nearby.length > 0; k++) {
      const need = nearby[Math.floor(rnd() * nearby.length)];
      if (!edges.some((e) => e.need === need)) edges.push({ need, score: edgeScore(rnd, rnd(), rnd()) });
    }
    return { apply: () => assigner.setEdges(id, edges), edgesTouched: edges.length };
  };

  const withdraw = (): Prepared => {
    const list = [...liveNeeds];
    const id = list[Math.floor(rnd() * list.length)];
    liveNeeds.delete(id);
    return { apply: () => void assigner.removeNeed(id), edgesTouched: 0 };
  };

  const kinds: [string, () => Prepared][] = [
    ['new need', newNeed],
    ['candidate re-scored', rescore],
    ['need withdrawn', withdraw],
  ];
  const results: Record<string, Sample[]> = {};
  for (const [kind, prepare] of kinds) {
    results[kind] = [];
    for (let k = 0; k < warmup + events; k++) {
      const event = prepare();
      const before = assigner.searchCount;
      const inc = timed(() => {
        event.apply();
        return { diff: assigner.solve(), edgesTouched: event.edgesTouched };
      });
      const graph: Instance = assigner.toInstance();
      const scratch = timed(() => assign(graph));
      if (scratch.value.total !== inc.value.diff.total) {
        throw new Error(`${kind}: incremental total ${inc.value.diff.total} differs from scratch ${scratch.value.total}`);
      }
      const sample: Sample = {
        incrementalMs: inc.ms,
        scratchMs: scratch.ms,
        searches: assigner.searchCount - before,
        added: inc.value.diff.added.length,
        removed: inc.value.diff.removed.length,
        edgesTouched: inc.value.edgesTouched,
      };
      log.info('event', {
        kind,
        warmup: k < warmup,
        ...sample,
        incrementalMs: round(sample.incrementalMs, 3),
        scratchMs: round(sample.scratchMs),
      });
      if (k >= warmup) results[kind].push(sample);
    }
  }

  const summary = kinds.map(([kind]) => {
    const s = results[kind];
    const inc = median(s.map((x) => x.incrementalMs));
    const scratch = median(s.map((x) => x.scratchMs));
    return {
      kind,
      events: s.length,
      incrementalMedianMs: round(inc, 3),
      scratchMedianMs: round(scratch, 1),
      speedup: round(scratch / inc, 0),
      ratioToBaseline: ratio(inc, scratch, 5),
      medianSearches: median(s.map((x) => x.searches)),
      medianEdgesTouched: median(s.map((x) => x.edgesTouched)),
      medianAdded: median(s.map((x) => x.added)),
      medianRemoved: median(s.map((x) => x.removed)),
    };
  });
  const rows = [
    ['event', 'events', 'incremental ms (median)', 'from-scratch ms (median)', 'incremental/scratch', 'searches', 'edges set', 'pairs +/−'],
    ...summary.map((r) => [
      r.kind,
      String(r.events),
      String(r.incrementalMedianMs),
      String(r.scratchMedianMs),
      String(r.ratioToBaseline),
      String(r.medianSearches),
      String(r.medianEdgesTouched),
      `${r.medianAdded}/${r.medianRemoved}`,
    ]),
  ];
  process.stdout.write(
    `${table(rows)}\n(graph: ${candidates} candidates, ${needs} needs, ${region.edges.length} edges; initial solve ${round(load.ms)} ms; ` +
      `baseline: assign() from scratch over the same graph after each event, same run)\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'incremental', seed, node: process.version, candidates, needs, edges: region.edges.length, initialSolveMs: round(load.ms), events: summary })}\n`,
  );
}

main();
