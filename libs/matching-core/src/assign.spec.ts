import fc from 'fast-check';
import { assignmentProblem, bruteForceTotal, smallInstance, smallSupervisedInstance } from '../test/brute-force';
import { assign, assignIndexed, type IndexedInstance } from './assign';
import { InstanceError, MAX_SCORE, SCORE_SCALE, type Instance } from './instance';

const node = (id: string, capacity: number) => ({ id, capacity });

describe(assign.name, () => {
  it('finds the exact optimum where a greedy pick of the best edge would not', () => {
    // Greedy takes c1-n1 (10) and is stuck with 10; the optimum is c1-n2 + c2-n1 = 9 + 9.
    const instance: Instance = {
      candidates: [node('c1', 1), node('c2', 1)],
      needs: [node('n1', 1), node('n2', 1)],
      edges: [
        { candidate: 'c1', need: 'n1', score: 10 },
        { candidate: 'c1', need: 'n2', score: 9 },
        { candidate: 'c2', need: 'n1', score: 9 },
      ],
    };
    const result = assign(instance);
    expect(result.total).toBe(18);
    expect(result.pairs).toEqual([
      { candidate: 'c1', need: 'n2' },
      { candidate: 'c2', need: 'n1' },
    ]);
  });

  it('leaves capacity unused when using it would lower the total', () => {
    const instance: Instance = {
      candidates: [node('c1', 2)],
      needs: [node('n1', 2), node('n2', 1)],
      edges: [
        { candidate: 'c1', need: 'n1', score: 5 },
        { candidate: 'c1', need: 'n2', score: 0 },
        { candidate: 'c1', need: 'n2', score: -3 },
      ],
    };
    expect(assign(instance)).toEqual({ total: 5, pairs: [{ candidate: 'c1', need: 'n1' }] });
  });

  it('keeps the best score of duplicate edges', () => {
    const instance: Instance = {
      candidates: [node('c1', 1)],
      needs: [node('n1', 1)],
      edges: [
        { candidate: 'c1', need: 'n1', score: 3 },
        { candidate: 'c1', need: 'n1', score: 7.25 },
        { candidate: 'c1', need: 'n1', score: 5 },
      ],
    };
    expect(assign(instance)).toEqual({ total: 7.25, pairs: [{ candidate: 'c1', need: 'n1' }] });
  });

  it('respects a candidate capacity above one and a need capacity above one', () => {
    const instance: Instance = {
      candidates: [node('c1', 2), node('c2', 1), node('c3', 1)],
      needs: [node('n1', 2), node('n2', 1)],
      edges: [
        { candidate: 'c1', need: 'n1', score: 50 },
        { candidate: 'c1', need: 'n2', score: 40 },
        { candidate: 'c2', need: 'n1', score: 30 },
        { candidate: 'c3', need: 'n1', score: 20 },
        { candidate: 'c3', need: 'n2', score: 35 },
      ],
    };
    const result = assign(instance);
    expect(result.total).toBe(50 + 40 + 30);
    expect(assignmentProblem(instance, result.pairs, result.total)).toBeNull();
  });

  it('returns nothing for an empty instance', () => {
    expect(assign({ candidates: [], needs: [], edges: [] })).toEqual({ total: 0, pairs: [] });
  });

  it('rejects an edge naming an unknown candidate or need', () => {
    const base = { candidates: [node('c1', 1)], needs: [node('n1', 1)] };
    expect(() => assign({ ...base, edges: [{ candidate: 'c9', need: 'n1', score: 1 }] })).toThrow(
      new InstanceError('edges[0].candidate "c9" is not in candidates'),
    );
    expect(() =>
      assign({
        ...base,
        edges: [
          { candidate: 'c1', need: 'n1', score: 1 },
          { candidate: 'c1', need: 'x', score: 1 },
        ],
      }),
    ).toThrow(new InstanceError('edges[1].need "x" is not in needs'));
    // Right after the last need (where the lookup first tries the next slot): a missing need is still named.
    expect(() =>
      assign({
        ...base,
        edges: [
          { candidate: 'c1', need: 'n1', score: 1 },
          { candidate: 'c1', need: undefined as unknown as string, score: 1 },
        ],
      }),
    ).toThrow(new InstanceError('edges[1].need undefined is not in needs'));
  });

  it('rejects duplicate ids and bad capacities even without parseInstance', () => {
    expect(() => assign({ candidates: [node('c1', 1), node('c1', 1)], needs: [], edges: [] })).toThrow(
      'candidates[1].id "c1" duplicates candidates[0].id',
    );
    expect(() => assign({ candidates: [], needs: [node('n1', -1)], edges: [] })).toThrow(
      'needs[0].capacity must be a non-negative integer',
    );
    expect(() =>
      assign({ candidates: [node('c1', 1)], needs: [node('n1', 1)], edges: [{ candidate: 'c1', need: 'n1', score: NaN }] }),
    ).toThrow('edges[0].score must be a finite number');
  });

  it('equals the brute-force optimum on small random instances, with every start strategy', () => {
    fc.assert(
      fc.property(smallInstance(), (instance) => {
        const expected = bruteForceTotal(instance);
        for (const strategy of ['auto', 'cost-scaling', 'shortest-paths'] as const) {
          const result = assign(instance, { strategy });
          expect(result.total).toBe(expected);
          expect(assignmentProblem(instance, result.pairs, result.total)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equals the brute-force optimum where most edges tie (a few distinct scores), capacities up to 3, every strategy', () => {
    // Ties are where a search may stop at the first zero reduced-cost path to the hub (min-cost-flow.ts).
    const tied = fc
      .record({
        caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
        needCaps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        raw: fc.array(fc.record({ c: fc.nat(), n: fc.nat(), score: fc.constantFrom(1, 2, 2, 3, 3, 3) }), { maxLength: 14 }),
      })
      .map(({ caps, needCaps, raw }) => ({
        candidates: caps.map((capacity, i) => node(`c${i}`, capacity)),
        needs: needCaps.map((capacity, j) => node(`n${j}`, capacity)),
        edges: raw.map((e) => ({ candidate: `c${e.c % caps.length}`, need: `n${e.n % needCaps.length}`, score: e.score })),
      }));
    fc.assert(
      fc.property(tied, (instance) => {
        const expected = bruteForceTotal(instance);
        for (const strategy of ['auto', 'cost-scaling', 'shortest-paths'] as const) {
          const result = assign(instance, { strategy });
          expect(result.total).toBe(expected);
          expect(assignmentProblem(instance, result.pairs, result.total)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees across strategies on dense instances full of ties (every pair an edge, scores 1..3)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 900, maxLength: 900 }),
        (size, capacity, scores) => {
          const instance: Instance = {
            candidates: Array.from({ length: size }, (_, i) => node(`c${i}`, capacity)),
            needs: Array.from({ length: size }, (_, j) => node(`n${j}`, 1 + (j % 2))),
            edges: Array.from({ length: size * size }, (_, k) => ({
              candidate: `c${Math.floor(k / size)}`,
              need: `n${k % size}`,
              score: scores[k],
            })),
          };
          const totals = (['auto', 'cost-scaling', 'shortest-paths'] as const).map((strategy) => {
            const result = assign(instance, { strategy });
            expect(assignmentProblem(instance, result.pairs, result.total)).toBeNull();
            return result.total;
          });
          expect(new Set(totals).size).toBe(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is exact on wider instances with competing sides (both strategies agree and every pair is valid)', () => {
    fc.assert(
      fc.property(smallInstance(12, 8), fc.integer({ min: 0, max: 3 }), (instance, extra) => {
        const widened: Instance = {
          ...instance,
          candidates: instance.candidates.map((c) => ({ ...c, capacity: c.capacity + extra })),
        };
        const a = assign(widened, { strategy: 'cost-scaling' });
        const b = assign(widened, { strategy: 'shortest-paths' });
        expect(a.total).toBe(b.total);
        expect(assignmentProblem(widened, a.pairs, a.total)).toBeNull();
        expect(assignmentProblem(widened, b.pairs, b.total)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('optimises scores that are not on the micro-point grid to within the documented rounding', () => {
    fc.assert(
      fc.property(
        smallInstance().chain((instance) =>
          fc
            .array(fc.double({ min: -10, max: 100, noNaN: true }), {
              minLength: instance.edges.length,
              maxLength: instance.edges.length,
            })
            .map((scores) => ({ ...instance, edges: instance.edges.map((e, i) => ({ ...e, score: scores[i] })) })),
        ),
        (instance) => {
          const result = assign(instance);
          // Both sides are computed on micro-points, so they agree exactly; the rounding to micro-points is the
          // documented approximation (at most 5e-7 per pair).
          expect(result.total).toBe(bruteForceTotal(instance));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('finds the same optimum whether the edges come grouped by candidate or scattered, duplicates included', () => {
    fc.assert(
      fc.property(smallInstance(6, 5), (instance) => {
        const grouped: Instance = {
          ...instance,
          edges: [...instance.edges].sort((a, b) => (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0)),
        };
        const expected = bruteForceTotal(instance);
        expect(assign(instance).total).toBe(expected);
        const result = assign(grouped);
        expect(result.total).toBe(expected);
        expect(assignmentProblem(grouped, result.pairs, result.total)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('stays exact with scores near MAX_SCORE off the grid of any divisor (cost scaling cannot scale exactly there)', () => {
    const big = smallInstance(8, 6).chain((instance) =>
      fc
        .array(fc.integer({ min: 1, max: MAX_SCORE * SCORE_SCALE }), { minLength: instance.edges.length, maxLength: instance.edges.length })
        .map((micro) => ({ ...instance, edges: instance.edges.map((e, i) => ({ ...e, score: micro[i] / SCORE_SCALE })) })),
    );
    fc.assert(
      fc.property(big, (instance) => {
        const a = assign(instance, { strategy: 'cost-scaling' });
        const b = assign(instance, { strategy: 'shortest-paths' });
        expect(a.total).toBe(b.total);
        expect(assignmentProblem(instance, a.pairs, a.total)).toBeNull();
        if (instance.edges.length <= 12) expect(a.total).toBe(bruteForceTotal(instance));
      }),
      { numRuns: 150 },
    );
  });

  it('rejects an infinite score like any other non-finite one', () => {
    const base = { candidates: [node('c1', 1)], needs: [node('n1', 1)] };
    expect(() => assign({ ...base, edges: [{ candidate: 'c1', need: 'n1', score: -Infinity }] })).toThrow(
      new InstanceError('edges[0].score must be a finite number, got -Infinity'),
    );
    expect(() => assign({ ...base, edges: [{ candidate: 'c1', need: 'n1', score: MAX_SCORE + 1 }] })).toThrow(
      `edges[0].score must be at most ${MAX_SCORE}`,
    );
    expect(() => assign({ ...base, edges: [{ candidate: 'c1', need: 'n1', score: '7' as unknown as number }] })).toThrow(
      'edges[0].score must be a finite number, got "7"',
    );
  });

  it("bounds the pairs that need close supervision by the need's supervised capacity", () => {
    // n1 has two places but supervision for one: of the two strong candidates who need it, only one gets in, and the
    // weaker one who needs none takes the other place.
    const instance: Instance = {
      candidates: [node('a', 1), node('b', 1), node('c', 1)],
      needs: [{ id: 'n1', capacity: 2, supervisedCapacity: 1 }, node('n2', 1)],
      edges: [
        { candidate: 'a', need: 'n1', score: 90, closeSupervision: true },
        { candidate: 'b', need: 'n1', score: 80, closeSupervision: true },
        { candidate: 'c', need: 'n1', score: 30 },
        { candidate: 'b', need: 'n2', score: 20 },
      ],
    };
    expect(assign(instance)).toEqual({
      total: 90 + 30 + 20,
      pairs: [
        { candidate: 'a', need: 'n1' },
        { candidate: 'b', need: 'n2' },
        { candidate: 'c', need: 'n1' },
      ],
    });
    // Without the bound (or with room for both), both supervised candidates take n1.
    const unbounded = { ...instance, needs: [node('n1', 2), node('n2', 1)] };
    expect(assign(unbounded).total).toBe(90 + 80);
    // A supervised capacity of 0: no pair that needs close supervision at all.
    const none = { ...instance, needs: [{ id: 'n1', capacity: 2, supervisedCapacity: 0 }, node('n2', 1)] };
    expect(assign(none)).toEqual({
      total: 30 + 20,
      pairs: [
        { candidate: 'b', need: 'n2' },
        { candidate: 'c', need: 'n1' },
      ],
    });
  });

  it('respects supervised capacities exactly: the brute-force optimum on small random instances, every strategy', () => {
    fc.assert(
      fc.property(smallSupervisedInstance(), (instance) => {
        const expected = bruteForceTotal(instance);
        for (const strategy of ['auto', 'cost-scaling', 'shortest-paths'] as const) {
          const result = assign(instance, { strategy });
          expect(result.total).toBe(expected);
          expect(assignmentProblem(instance, result.pairs, result.total)).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('rejects a bad supervised capacity or supervision flag', () => {
    const base = { candidates: [node('c1', 1)], edges: [] };
    expect(() => assign({ ...base, needs: [{ id: 'n1', capacity: 1, supervisedCapacity: -1 }] })).toThrow(
      new InstanceError('needs[0].supervisedCapacity must be a non-negative integer, got -1'),
    );
    expect(() =>
      assign({
        candidates: [node('c1', 1)],
        needs: [node('n1', 1)],
        edges: [{ candidate: 'c1', need: 'n1', score: 5, closeSupervision: 'yes' as unknown as boolean }],
      }),
    ).toThrow(new InstanceError('edges[0].closeSupervision must be a boolean, got "yes"'));
  });

  it('is deterministic: the same instance gives the same pairs in input order', () => {
    fc.assert(
      fc.property(smallInstance(), (instance) => {
        const first = assign(instance);
        expect(assign(instance)).toEqual(first);
        const order = new Map(instance.candidates.map((c, i) => [c.id, i]));
        const needOrder = new Map(instance.needs.map((n, j) => [n.id, j]));
        const keys = first.pairs.map((p) => order.get(p.candidate)! * 100 + needOrder.get(p.need)!);
        expect(keys).toEqual([...keys].sort((x, y) => x - y));
      }),
      { numRuns: 100 },
    );
  });
});

/** The instance by index, its edges in the order `order` gives (input order by default). */
function indexed(instance: Instance, order?: readonly number[]): IndexedInstance {
  const ci = new Map(instance.candidates.map((c, i) => [c.id, i]));
  const ni = new Map(instance.needs.map((n, j) => [n.id, j]));
  const edges = (order ?? instance.edges.map((_, k) => k)).map((k) => instance.edges[k]);
  return {
    candidateCapacity: instance.candidates.map((c) => c.capacity),
    needCapacity: instance.needs.map((n) => n.capacity),
    needSupervisedCapacity: instance.needs.map((n) => n.supervisedCapacity),
    edgeCandidate: Int32Array.from(edges.map((e) => ci.get(e.candidate)!)),
    edgeNeed: Int32Array.from(edges.map((e) => ni.get(e.need)!)),
    edgeScore: Float64Array.from(edges.map((e) => e.score)),
    edgeCloseSupervision: Uint8Array.from(edges.map((e) => (e.closeSupervision ? 1 : 0))),
  };
}

describe(assignIndexed.name, () => {
  const byIndex = (instance: Instance, result: ReturnType<typeof assignIndexed>) =>
    Array.from(result.candidate, (c, k) => ({ candidate: instance.candidates[c].id, need: instance.needs[result.need[k]].id }));

  it("finds assign's optimum and pairs, by index: the brute-force optimum, supervised capacities and every strategy", () => {
    fc.assert(
      fc.property(fc.oneof(smallInstance(), smallSupervisedInstance()), (instance) => {
        const expected = bruteForceTotal(instance);
        for (const strategy of ['auto', 'cost-scaling', 'shortest-paths'] as const) {
          const result = assignIndexed(indexed(instance), { strategy });
          expect(result.total).toBe(expected);
          expect(byIndex(instance, result)).toEqual(assign(instance, { strategy }).pairs);
          expect(assignmentProblem(instance, byIndex(instance, result), result.total)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same optimum with the edges scattered (not grouped by candidate), duplicates included', () => {
    fc.assert(
      fc.property(
        smallInstance(6, 5).chain((instance) =>
          fc.tuple(
            fc.constant(instance),
            fc.shuffledSubarray(
              instance.edges.map((_, k) => k),
              { minLength: instance.edges.length },
            ),
          ),
        ),
        ([instance, order]) => {
          const result = assignIndexed(indexed(instance, order));
          expect(result.total).toBe(bruteForceTotal(instance));
          expect(assignmentProblem(instance, byIndex(instance, result), result.total)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects indexes out of range, edge arrays of different lengths, bad scores and capacities', () => {
    const base = {
      candidateCapacity: [1, 1],
      needCapacity: [1],
      edgeCandidate: Int32Array.of(0, 1),
      edgeNeed: Int32Array.of(0, 0),
      edgeScore: Float64Array.of(5, 6),
    };
    expect(assignIndexed(base).total).toBe(6);
    expect(() => assignIndexed({ ...base, edgeCandidate: Int32Array.of(0, 2) })).toThrow(
      new InstanceError('edgeCandidate[1] 2 is not a candidate (0..1)'),
    );
    expect(() => assignIndexed({ ...base, edgeCandidate: Int32Array.of(-1, 0) })).toThrow(
      new InstanceError('edgeCandidate[0] -1 is not a candidate (0..1)'),
    );
    expect(() => assignIndexed({ ...base, edgeNeed: Int32Array.of(0, 1) })).toThrow(
      new InstanceError('edgeNeed[1] 1 is not a need (0..0)'),
    );
    expect(() => assignIndexed({ ...base, edgeScore: Float64Array.of(5) })).toThrow(InstanceError);
    expect(() => assignIndexed({ ...base, edgeScore: Float64Array.of(5, NaN) })).toThrow(
      new InstanceError('edges[1].score must be a finite number, got NaN'),
    );
    expect(() => assignIndexed({ ...base, needCapacity: [1.5] })).toThrow(
      new InstanceError('needs[0].capacity must be a non-negative integer, got 1.5'),
    );
    expect(() => assignIndexed({ ...base, needSupervisedCapacity: [] })).toThrow(InstanceError);
  });
});
