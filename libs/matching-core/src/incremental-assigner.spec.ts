import fc from 'fast-check';
import { assignmentProblem, bruteForceTotal, smallInstance } from '../test/brute-force';
import { assign } from './assign';
import { IncrementalAssigner } from './incremental-assigner';
import { InstanceError, type Instance, type Pair } from './instance';

const key = (p: Pair) => `${p.candidate}|${p.need}`;

type Op =
  | { kind: 'upsertCandidate'; id: number; capacity: number }
  | { kind: 'upsertNeed'; id: number; capacity: number; supervised: number | null }
  | { kind: 'removeCandidate' | 'removeNeed'; id: number }
  | { kind: 'setEdges' | 'setNeedEdges'; id: number; cents: (number | null)[]; flags: boolean[] }
  | { kind: 'removeEdge'; c: number; n: number }
  | { kind: 'solve' };

const CANDIDATES = 6;
const NEEDS = 4;
const cents = (len: number) =>
  fc.array(fc.option(fc.integer({ min: -1000, max: 10000 }), { nil: null }), { minLength: len, maxLength: len });
/** Which of the edges set need close supervision (a need's supervised capacity bounds those). */
const flags = (len: number) => fc.array(fc.boolean(), { minLength: len, maxLength: len });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('upsertCandidate' as const), id: fc.nat(CANDIDATES - 1), capacity: fc.nat(2) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('upsertNeed' as const),
      id: fc.nat(NEEDS - 1),
      capacity: fc.nat(3),
      supervised: fc.option(fc.nat(2), { nil: null }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constantFrom('removeCandidate' as const, 'removeNeed' as const), id: fc.nat(CANDIDATES - 1) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('setEdges' as const), id: fc.nat(CANDIDATES - 1), cents: cents(NEEDS), flags: flags(NEEDS) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('setNeedEdges' as const),
      id: fc.nat(NEEDS - 1),
      cents: cents(CANDIDATES),
      flags: flags(CANDIDATES),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('removeEdge' as const), c: fc.nat(CANDIDATES - 1), n: fc.nat(NEEDS - 1) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'solve' as const }), weight: 3 },
);

/** Applies one operation; edges only name nodes the assigner knows (events never name unknown ones). */
function apply(assigner: IncrementalAssigner, op: Op): void {
  const known = assigner.toInstance();
  const hasC = (i: number) => known.candidates.some((c) => c.id === `c${i}`);
  const hasN = (j: number) => known.needs.some((n) => n.id === `n${j}`);
  switch (op.kind) {
    case 'upsertCandidate':
      return assigner.upsertCandidate(`c${op.id}`, op.capacity);
    case 'upsertNeed':
      return assigner.upsertNeed(`n${op.id}`, op.capacity, op.supervised ?? undefined);
    case 'removeCandidate':
      assigner.removeCandidate(`c${op.id}`);
      return;
    case 'removeNeed':
      assigner.removeNeed(`n${op.id % NEEDS}`);
      return;
    case 'setEdges':
      if (!hasC(op.id)) return;
      return assigner.setEdges(
        `c${op.id}`,
        op.cents.flatMap((c, j) => (c === null || !hasN(j) ? [] : [{ need: `n${j}`, score: c / 100, closeSupervision: op.flags[j] }])),
      );
    case 'setNeedEdges':
      if (!hasN(op.id)) return;
      return assigner.setNeedEdges(
        `n${op.id}`,
        op.cents.flatMap((c, i) => (c === null || !hasC(i) ? [] : [{ candidate: `c${i}`, score: c / 100, closeSupervision: op.flags[i] }])),
      );
    case 'removeEdge':
      assigner.removeEdge(`c${op.c}`, `n${op.n}`);
      return;
    case 'solve':
      return;
  }
}

describe(IncrementalAssigner.name, () => {
  it('stays exact over random sequences of events, supervised capacities included: brute-force total, diffs that add up', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.constantFrom('auto' as const, 'cost-scaling' as const, 'shortest-paths' as const),
        (ops, strategy) => {
          const assigner = new IncrementalAssigner(undefined, { strategy });
          const held = new Map<string, Pair>();
          const check = () => {
            const diff = assigner.solve();
            for (const p of diff.removed) expect(held.delete(key(p))).toBe(true);
            for (const p of diff.added) {
              expect(held.has(key(p))).toBe(false);
              held.set(key(p), p);
            }
            const graph = assigner.toInstance();
            expect(diff.total).toBe(assign(graph).total);
            expect(diff.total).toBe(bruteForceTotal(graph));
            expect(assigner.pairs()).toEqual([...held.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
            expect(assignmentProblem(graph, assigner.pairs(), diff.total)).toBeNull();
            expect(assigner.total).toBe(diff.total);
          };
          for (const op of ops) {
            apply(assigner, op);
            if (op.kind === 'solve') check();
          }
          check();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('starts from an instance: the first solve adds the optimal pairs', () => {
    fc.assert(
      fc.property(smallInstance(), (instance) => {
        const assigner = new IncrementalAssigner(instance);
        const diff = assigner.solve();
        const scratch = assign(instance);
        expect(diff.removed).toEqual([]);
        expect(diff.total).toBe(scratch.total);
        expect(diff.added.length).toBe(scratch.pairs.length);
        expect(assignmentProblem(instance, diff.added, diff.total)).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('reports nothing when nothing changed', () => {
    const assigner = new IncrementalAssigner(example());
    const first = assigner.solve();
    expect(assigner.solve()).toEqual({ added: [], removed: [], total: first.total });
  });

  it('reports the pairs a new need takes and the ones it displaces', () => {
    const assigner = new IncrementalAssigner(example());
    assigner.solve();
    assigner.upsertNeed('n3', 1);
    assigner.setNeedEdges('n3', [
      { candidate: 'c1', score: 95 },
      { candidate: 'c2', score: 10 },
    ]);
    const diff = assigner.solve();
    // c1 (capacity 1) leaves n1 for n3, which lets c2 move up from n2 to n1: 95 + 65.
    expect(diff.added).toEqual([
      { candidate: 'c1', need: 'n3' },
      { candidate: 'c2', need: 'n1' },
    ]);
    expect(diff.removed).toEqual([
      { candidate: 'c1', need: 'n1' },
      { candidate: 'c2', need: 'n2' },
    ]);
    expect(diff.total).toBe(95 + 65);
    expect(diff.total).toBe(assign(assigner.toInstance()).total);
  });

  it('withdraws the pairs of a removed candidate and fills in behind her', () => {
    const assigner = new IncrementalAssigner(example());
    assigner.solve();
    expect(assigner.removeCandidate('c1')).toBe(true);
    const diff = assigner.solve();
    expect(diff.removed).toEqual([
      { candidate: 'c1', need: 'n1' },
      { candidate: 'c2', need: 'n2' },
    ]);
    expect(diff.added).toEqual([{ candidate: 'c2', need: 'n1' }]);
    expect(assigner.removeCandidate('c1')).toBe(false);
  });

  it('nets out an edge removed and added back before the next solve', () => {
    const assigner = new IncrementalAssigner(example());
    assigner.solve();
    assigner.removeEdge('c1', 'n1');
    assigner.setEdges('c1', [{ need: 'n1', score: 90 }]);
    expect(assigner.solve()).toEqual({ added: [], removed: [], total: 150 });
  });

  it('treats a score of 0 or less as no edge', () => {
    const assigner = new IncrementalAssigner(example());
    assigner.solve();
    assigner.setEdges('c1', [{ need: 'n1', score: 0 }]);
    const diff = assigner.solve();
    expect(diff.removed).toContainEqual({ candidate: 'c1', need: 'n1' });
    expect(assigner.toInstance().edges.filter((e) => e.candidate === 'c1')).toEqual([]);
  });

  it('runs no search for an edit that cannot improve the assignment', () => {
    const assigner = new IncrementalAssigner(example());
    assigner.solve();
    const before = assigner.searchCount;
    // c3 has capacity for a weak edge to a full need: the potentials already prove it cannot help.
    assigner.upsertCandidate('c3', 1);
    assigner.setEdges('c3', [{ need: 'n1', score: 1 }]);
    expect(assigner.solve()).toEqual({ added: [], removed: [], total: 150 });
    expect(assigner.searchCount).toBe(before);
  });

  it('re-solves a capacity change', () => {
    const assigner = new IncrementalAssigner(example());
    assigner.solve();
    assigner.upsertCandidate('c1', 2);
    const diff = assigner.solve();
    expect(diff).toEqual({ added: [{ candidate: 'c1', need: 'n2' }], removed: [{ candidate: 'c2', need: 'n2' }], total: 90 + 80 });
    expect(diff.total).toBe(assign(assigner.toInstance()).total);
  });

  it('names unknown nodes and bad values', () => {
    const assigner = new IncrementalAssigner(example());
    expect(() => assigner.setEdges('c9', [])).toThrow(new InstanceError('candidate "c9" is not known'));
    expect(() => assigner.setNeedEdges('n9', [])).toThrow(new InstanceError('need "n9" is not known'));
    expect(() => assigner.setEdges('c1', [{ need: 'n9', score: 1 }])).toThrow('setEdges("c1") edges[0].need "n9" is not a known need');
    expect(() => assigner.setNeedEdges('n1', [{ candidate: 'c1', score: NaN }])).toThrow(
      'setNeedEdges("n1") edges[0].score must be a finite number',
    );
    expect(() => assigner.upsertNeed('n1', -2)).toThrow('need "n1".capacity must be a non-negative integer, got -2');
    expect(() => new IncrementalAssigner({ ...example(), edges: [{ candidate: 'x', need: 'n1', score: 1 }] })).toThrow(
      'edges[0].candidate "x" is not in candidates',
    );
    expect(assigner.removeEdge('c1', 'n9')).toBe(false);
    expect(assigner.removeNeed('n9')).toBe(false);
  });
});

/** c1 is the better candidate for both needs. Optimum: c1-n1 (90) + c2-n2 (60) = 150, against 80 + 65 = 145. */
function example(): Instance {
  return {
    candidates: [
      { id: 'c1', capacity: 1 },
      { id: 'c2', capacity: 1 },
    ],
    needs: [
      { id: 'n1', capacity: 1 },
      { id: 'n2', capacity: 1 },
    ],
    edges: [
      { candidate: 'c1', need: 'n1', score: 90 },
      { candidate: 'c1', need: 'n2', score: 80 },
      { candidate: 'c2', need: 'n1', score: 65 },
      { candidate: 'c2', need: 'n2', score: 60 },
    ],
  };
}
