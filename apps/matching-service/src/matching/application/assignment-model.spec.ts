import { AssignmentModel } from './assignment-model';

const pairs = (list: readonly { candidate: string; need: string }[]): string[] => list.map((p) => `${p.candidate}>${p.need}`).sort();

describe(AssignmentModel.name, () => {
  it('reports the first optimum as added and later changes as a diff', () => {
    const m = new AssignmentModel();
    m.setNeed('n1', 1);
    m.setCandidate('a', 1);
    m.setCandidate('b', 1);
    m.setNeedEdges(
      'n1',
      new Map([
        ['a', 50],
        ['b', 40],
      ]),
    );
    expect(pairs(m.solve().added)).toEqual(['a>n1']);

    m.setNeed('n2', 1);
    m.setNeedEdges('n2', new Map([['a', 90]]));
    const diff = m.solve();
    // Exact, not greedy: a moves to n2 and b takes n1 (90 + 40 > 50).
    expect(pairs(diff.added)).toEqual(['a>n2', 'b>n1']);
    expect(pairs(diff.removed)).toEqual(['a>n1']);
    expect(diff.total).toBeCloseTo(130);
  });

  it('respects capacities on both sides', () => {
    const m = new AssignmentModel();
    m.setCandidate('a', 2);
    for (const n of ['n1', 'n2', 'n3']) {
      m.setNeed(n, 1);
      m.setNeedEdges(n, new Map([['a', 10]]));
    }
    expect(m.solve().added).toHaveLength(2);
    m.setCandidate('a', 0);
    expect(pairs(m.solve().removed)).toHaveLength(2);
    expect(m.pairs()).toEqual([]);
  });

  it("bounds a need's pairs with candidates who need close supervision by its supervised capacity, set before or after the edges", () => {
    const m = new AssignmentModel();
    m.setCandidate('close-1', 1, true);
    m.setCandidate('close-2', 1, true);
    m.setCandidate('free', 1);
    m.setNeed('n1', 3, 1);
    m.setNeedEdges(
      'n1',
      new Map([
        ['close-1', 90],
        ['close-2', 80],
        ['free', 10],
      ]),
    );
    // Room for three, but supervisors for one: the better of the two who need close supervision, and the other one.
    expect(pairs(m.solve().added)).toEqual(['close-1>n1', 'free>n1']);
    m.setNeed('n1', 3, 2);
    expect(pairs(m.solve().added)).toEqual(['close-2>n1']);
    m.setNeed('n1', 3, 0);
    expect(pairs(m.solve().removed)).toEqual(['close-1>n1', 'close-2>n1']);
    // Her own edges, set after her node, carry her flag too.
    m.setCandidate('close-3', 1, true);
    m.setCandidateEdges('close-3', new Map([['n1', 99]]));
    expect(m.solve().added).toEqual([]);
  });

  it('drops the pairs of a removed need or candidate, and an edge removed on its own', () => {
    const m = new AssignmentModel();
    m.setCandidate('a', 3);
    m.setCandidate('b', 3);
    m.setNeed('n1', 3);
    m.setNeed('n2', 3);
    m.setCandidateEdges(
      'a',
      new Map([
        ['n1', 10],
        ['n2', 10],
      ]),
    );
    m.setCandidateEdges('b', new Map([['n1', 10]]));
    expect(m.solve().added).toHaveLength(3);
    m.removeNeed('n2');
    expect(pairs(m.solve().removed)).toEqual(['a>n2']);
    m.removeEdge('b', 'n1');
    expect(m.hasEdge('b', 'n1')).toBe(false);
    expect(pairs(m.solve().removed)).toEqual(['b>n1']);
    m.removeCandidate('a');
    expect(pairs(m.solve().removed)).toEqual(['a>n1']);
  });
});
