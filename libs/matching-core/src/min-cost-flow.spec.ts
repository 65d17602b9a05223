import fc from 'fast-check';
import { bruteForceTotal, smallInstance, smallSupervisedInstance } from '../test/brute-force';
import { buildFlow } from './assign';
import { costScaling } from './cost-scaling';
import type { Instance, ScoredEdge } from './instance';
import { BMatchingFlow } from './min-cost-flow';

describe(BMatchingFlow.name, () => {
  it('ends every repair with all nodes balanced and every residual arc non-negative, sub-nodes included', () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((supervised) => (supervised ? smallSupervisedInstance(6, 5) : smallInstance(6, 5))),
        fc.array(fc.record({ what: fc.nat(6), a: fc.nat(), b: fc.nat(), w: fc.integer({ min: 1, max: 100 }) }), { maxLength: 25 }),
        fc.constantFrom('auto' as const, 'cost-scaling' as const, 'shortest-paths' as const),
        (instance, edits, strategy) => {
          const { flow } = buildFlow(instance);
          flow.strategy = strategy;
          flow.repair();
          expect(flow.findViolation()).toBeNull();
          const nc = instance.candidates.length;
          // Need-side nodes: the needs and their supervised sub-nodes.
          const needSide: number[] = [];
          for (let j = 0; j < instance.needs.length; j++) {
            needSide.push(2 * j + 1);
            if (flow.subNodeOf(2 * j + 1) !== -1) needSide.push(flow.subNodeOf(2 * j + 1));
          }
          for (const { what, a, b, w } of edits) {
            const c = 2 * (a % nc);
            const n = needSide[b % needSide.length];
            const existing = flow.edgesOf(c).find((e) => flow.edgeNeed(e) === n);
            if (what === 0 && existing === undefined) flow.addEdge(c, n, w * 1_000_000);
            else if (what === 1 && existing !== undefined) flow.removeEdge(existing);
            else if (what === 2 && existing !== undefined) flow.setWeight(existing, w * 1_000_000);
            else if (what === 3) flow.setCapacity(c, w % 3);
            else if (what === 4) flow.setCapacity(n, w % 4);
            else if (what === 5 || what === 6) {
              // A batch of unchecked edits at one node, settled by fixNode (as setEdges / setNeedEdges do).
              const v = what === 5 ? n : c;
              for (const e of flow.edgesOf(v)) flow.setWeight(e, ((w * (e + 3)) % 97) * 1_000_000 + 1_000_000, false);
              flow.fixNode(v);
            }
            // Every edit leaves every residual arc non-negative (only imbalances wait for the repair).
            expect(flow.findNegativeArc()).toBeNull();
            if (a % 3 === 0) {
              flow.repair();
              expect(flow.findViolation()).toBeNull();
            }
          }
          flow.repair();
          expect(flow.findViolation()).toBeNull();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('fixNode on a need whose sub-node passes flow keeps the need→sub-node arc non-negative', () => {
    // a needs close supervision and holds n's one supervised place; then b, c and d arrive with strong edges to n.
    const flow = new BMatchingFlow();
    const [a, b, c, d] = [1, 1, 1, 1].map((k) => flow.addCandidate(k));
    const n = flow.addNeed(2);
    const sub = flow.addSubNode(n, 1);
    flow.addEdge(a, sub, 50_000_000);
    flow.repair();
    expect(flow.totalWeight).toBe(50_000_000);
    for (const x of [b, c, d]) flow.addEdge(x, n, 90_000_000, false);
    flow.fixNode(n);
    expect(flow.findNegativeArc()).toBeNull();
    flow.repair();
    expect(flow.findViolation()).toBeNull();
    expect(flow.totalWeight).toBe(2 * 90_000_000);
  });

  it('solves to the brute-force optimum from any start, and certifies it', () => {
    fc.assert(
      fc.property(smallInstance(), (instance) => {
        for (const strategy of ['auto', 'cost-scaling', 'shortest-paths'] as const) {
          const { flow } = buildFlow(instance);
          flow.strategy = strategy;
          flow.repair();
          expect(flow.totalWeight / 1_000_000).toBe(bruteForceTotal(instance));
          expect(flow.findViolation()).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('auto: finishes by shortest paths within its budget, and switches to cost scaling, still exact, when it runs out', () => {
    fc.assert(
      fc.property(smallInstance(), (instance) => {
        const expected = bruteForceTotal(instance);
        const within = buildFlow(instance).flow;
        within.repair();
        expect(within.startUsed).toBe('shortest-paths');
        const starved = buildFlow(instance).flow;
        starved.shortestPathBudget = 0;
        starved.repair();
        // With no budget the first search already exceeds it (when there is any search to run at all).
        if (starved.searchCount > 0) expect(starved.startUsed).toBe('auto-switched-to-cost-scaling');
        expect(starved.totalWeight / 1_000_000).toBe(expected);
        expect(starved.findViolation()).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('auto: switches to cost scaling early where the projection of the shortest paths exceeds the budget', () => {
    // Both sides after the same partners: 1,000 candidates of capacity 1, 84 needs of 6–18 places, 40 edges each.
    // Shortest paths alone take 300–370 arc scans per arc here (the budget is 128); the projection stops them at a
    // fraction of the budget, and the result is the same optimum.
    for (const seed of [1, 2, 3]) {
      const instance = contendedInstance(1000, 84, 40, seed);
      const arcs = instance.edges.length + 1000 + 84;
      const alone = buildFlow(instance).flow;
      alone.strategy = 'shortest-paths';
      alone.repair();
      expect(alone.scanCount / arcs).toBeGreaterThan(2 * 128);
      const auto = buildFlow(instance).flow;
      auto.repair();
      expect(auto.startUsed).toBe('auto-switched-to-cost-scaling');
      expect(auto.scanCount / arcs).toBeLessThan(128 / 2);
      expect(auto.totalWeight).toBe(alone.totalWeight);
      expect(auto.findViolation()).toBeNull();
    }
  });

  it('auto: stays on shortest paths where one side has room to spare', () => {
    // The same shape with needs of one place each: every search is short.
    const instance = contendedInstance(1000, 84, 40, 1);
    const scarce = { ...instance, needs: instance.needs.map((n) => ({ ...n, capacity: 1 })) };
    const { flow } = buildFlow(scarce);
    flow.repair();
    expect(flow.startUsed).toBe('shortest-paths');
    expect(flow.findViolation()).toBeNull();
  });

  it('cost scaling to optimality hands over exact potentials: the repair has nothing to route', () => {
    // Dense 200 × 200 with integer scores 1..100: many ties, so prices rounded without the chosen shift would leave
    // arcs at −1 (and searches to run).
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instance = {
      candidates: Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, capacity: 1 })),
      needs: Array.from({ length: 200 }, (_, j) => ({ id: `n${j}`, capacity: 1 })),
      edges: Array.from({ length: 200 * 200 }, (_, k) => ({
        candidate: `c${Math.floor(k / 200)}`,
        need: `n${k % 200}`,
        score: 1 + Math.floor(rnd() * 100),
      })),
    };
    const { flow } = buildFlow(instance);
    flow.strategy = 'cost-scaling';
    flow.repair();
    expect(flow.startUsed).toBe('cost-scaling');
    expect(flow.searchCount).toBe(0);
    expect(flow.findViolation()).toBeNull();
    const check = buildFlow(instance).flow;
    check.strategy = 'shortest-paths';
    check.repair();
    expect(flow.totalWeight).toBe(check.totalWeight);
  });
});

describe(costScaling.name, () => {
  it('returns a balanced flow within capacities that is ε-optimal for the ε it stops at', () => {
    fc.assert(
      fc.property(smallInstance(8, 6), fc.integer({ min: 1, max: 5000 }), (instance, epsilon) => {
        const nc = instance.candidates.length;
        const nn = instance.needs.length;
        const ids = new Map(instance.candidates.map((c, i) => [c.id, i]));
        const needIds = new Map(instance.needs.map((n, j) => [n.id, j]));
        const seen = new Set<string>();
        const edges = instance.edges.filter((e) => e.score > 0 && !seen.has(e.candidate + e.need) && seen.add(e.candidate + e.need));
        const m = edges.length;
        const pb = {
          nc,
          nn,
          capC: Int32Array.from(instance.candidates.map((c) => c.capacity)),
          capN: Int32Array.from(instance.needs.map((n) => n.capacity)),
          ec: Int32Array.from(edges.map((e) => ids.get(e.candidate)!)),
          en: Int32Array.from(edges.map((e) => needIds.get(e.need)!)),
          w: Float64Array.from(edges.map((e) => Math.round(e.score * 100))),
          m,
        };
        const sol = costScaling(pb, epsilon);
        const usedC = new Int32Array(nc);
        const usedN = new Int32Array(nn);
        for (let e = 0; e < m; e++) {
          const r = pb.w[e] * -1 + sol.pC[pb.ec[e]] - sol.pN[pb.en[e]];
          if (sol.x[e] === 1) {
            usedC[pb.ec[e]]++;
            usedN[pb.en[e]]++;
            expect(-r).toBeGreaterThanOrEqual(-epsilon);
          } else {
            expect(r).toBeGreaterThanOrEqual(-epsilon);
          }
        }
        for (let i = 0; i < nc; i++) {
          expect(sol.fC[i]).toBe(usedC[i]);
          expect(sol.fC[i]).toBeLessThanOrEqual(pb.capC[i]);
          if (sol.fC[i] < pb.capC[i]) expect(-sol.pC[i]).toBeGreaterThanOrEqual(-epsilon);
          if (sol.fC[i] > 0) expect(sol.pC[i]).toBeGreaterThanOrEqual(-epsilon);
        }
        for (let j = 0; j < nn; j++) {
          expect(sol.fN[j]).toBe(usedN[j]);
          expect(sol.fN[j]).toBeLessThanOrEqual(pb.capN[j]);
          if (sol.fN[j] < pb.capN[j]) expect(sol.pN[j]).toBeGreaterThanOrEqual(-epsilon);
          if (sol.fN[j] > 0) expect(-sol.pN[j]).toBeGreaterThanOrEqual(-epsilon);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Candidates of capacity 1 after the same popular needs (positions × 6 places each), scores with two decimals. */
function contendedInstance(nc: number, nn: number, degree: number, seed: number): Instance {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const needs = Array.from({ length: nn }, (_, j) => ({ id: `n${j}`, capacity: 6 * (1 + Math.floor(rnd() * 3)) }));
  const popularity = needs.map(() => rnd() * 25);
  const candidates = Array.from({ length: nc }, (_, i) => ({ id: `c${i}`, capacity: 1 }));
  const edges: ScoredEdge[] = [];
  for (let i = 0; i < nc; i++) {
    const strength = rnd() * 35;
    const picked = new Set<number>();
    while (picked.size < degree) picked.add(Math.floor(rnd() * nn));
    for (const j of picked) {
      edges.push({ candidate: `c${i}`, need: `n${j}`, score: Math.round((15 + strength + popularity[j] + 25 * rnd()) * 100) / 100 });
    }
  }
  return { candidates, needs, edges };
}
