import fc from 'fast-check';
import { formPairs } from './pairs';

describe(formPairs.name, () => {
  const assigned = [
    { candidateId: 'a', score: 60 },
    { candidateId: 'b', score: 90 },
    { candidateId: 'c', score: 75 },
    { candidateId: 'd', score: 80 },
    { candidateId: 'e', score: 70 },
  ];

  it('pairs best with next best when the need allows pair internships; the odd one out stays single', () => {
    expect(formPairs(assigned, true)).toEqual([
      { members: ['b', 'd'], score: 85 },
      { members: ['c', 'e'], score: 72.5 },
      { members: ['a'], score: 60 },
    ]);
  });

  it('places everyone singly when pairs are not allowed, best first', () => {
    expect(formPairs(assigned, false)).toEqual([
      { members: ['b'], score: 90 },
      { members: ['d'], score: 80 },
      { members: ['c'], score: 75 },
      { members: ['e'], score: 70 },
      { members: ['a'], score: 60 },
    ]);
  });

  it('breaks score ties by candidate id, whatever the input order', () => {
    const tied = [
      { candidateId: 'z', score: 50 },
      { candidateId: 'm', score: 50 },
      { candidateId: 'a', score: 50 },
    ];
    expect(formPairs(tied, true)).toEqual([
      { members: ['a', 'm'], score: 50 },
      { members: ['z'], score: 50 },
    ]);
    expect(formPairs([...tied].reverse(), true)).toEqual(formPairs(tied, true));
  });

  it('handles no one and one', () => {
    expect(formPairs([], true)).toEqual([]);
    expect(formPairs([{ candidateId: 'a', score: 1 }], true)).toEqual([{ members: ['a'], score: 1 }]);
  });

  it('refuses a candidate assigned twice', () => {
    expect(() =>
      formPairs(
        [
          { candidateId: 'a', score: 1 },
          { candidateId: 'a', score: 2 },
        ],
        true,
      ),
    ).toThrow('candidate a is assigned twice');
  });

  it('uses every candidate exactly once, in groups of at most two with at most one single', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ candidateId: fc.string({ minLength: 1 }), score: fc.integer({ min: 0, max: 100 }) }), {
          selector: (a) => a.candidateId,
          maxLength: 15,
        }),
        fc.boolean(),
        (list, allowed) => {
          const groups = formPairs(list, allowed);
          expect(groups.flatMap((g) => g.members).sort()).toEqual(list.map((a) => a.candidateId).sort());
          const singles = groups.filter((g) => g.members.length === 1).length;
          if (allowed) {
            expect(singles).toBe(list.length % 2);
            expect(groups.every((g) => g.members.length <= 2)).toBe(true);
          } else {
            expect(singles).toBe(list.length);
          }
          // Groups come best first.
          const scores = groups.map((g) => g.score);
          expect(scores).toEqual([...scores].sort((x, y) => y - x));
        },
      ),
    );
  });

  describe('across solves', () => {
    it('pairs a new proposal with an earlier open single, which is named as earlier', () => {
      expect(formPairs([{ candidateId: 'new', score: 70 }], true, [{ candidateId: 'old', score: 75 }])).toEqual([
        { members: ['old', 'new'], score: 72.5, earlier: ['old'] },
      ]);
    });

    it('never pairs two earlier proposals with each other: the better one stays single and is not listed', () => {
      const groups = formPairs([{ candidateId: 'n1', score: 60 }], true, [
        { candidateId: 'e1', score: 90 },
        { candidateId: 'e2', score: 80 },
      ]);
      expect(groups).toEqual([{ members: ['e2', 'n1'], score: 70, earlier: ['e2'] }]);
    });

    it('leaves earlier singles alone when no new one comes, and ignores them without pair internships', () => {
      expect(formPairs([], true, [{ candidateId: 'e1', score: 90 }])).toEqual([]);
      expect(formPairs([{ candidateId: 'n1', score: 50 }], false, [{ candidateId: 'e1', score: 90 }])).toEqual([
        { members: ['n1'], score: 50 },
      ]);
    });

    it('refuses a candidate who is both new and earlier', () => {
      expect(() => formPairs([{ candidateId: 'a', score: 1 }], true, [{ candidateId: 'a', score: 2 }])).toThrow(
        'candidate a is assigned twice',
      );
    });

    it('places every new candidate exactly once, each group with a new member, no two earlier ones together', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(
            fc.record({ candidateId: fc.string({ minLength: 1 }), score: fc.integer({ min: 0, max: 100 }), old: fc.boolean() }),
            {
              selector: (a) => a.candidateId,
              maxLength: 15,
            },
          ),
          (list) => {
            const fresh = list.filter((a) => !a.old).map(({ candidateId, score }) => ({ candidateId, score }));
            const open = list.filter((a) => a.old).map(({ candidateId, score }) => ({ candidateId, score }));
            const groups = formPairs(fresh, true, open);
            const placedNew = groups.flatMap((g) => g.members.filter((m) => !(g.earlier ?? []).includes(m)));
            expect(placedNew.sort()).toEqual(fresh.map((a) => a.candidateId).sort());
            for (const g of groups) {
              expect(g.members.length).toBeLessThanOrEqual(2);
              expect((g.earlier ?? []).length).toBeLessThan(g.members.length);
              for (const m of g.earlier ?? []) expect(open.some((o) => o.candidateId === m)).toBe(true);
            }
            const earlierUsed = groups.flatMap((g) => g.earlier ?? []);
            expect(new Set(earlierUsed).size).toBe(earlierUsed.length);
            // At most one new candidate is left single: the others found a partner.
            expect(groups.filter((g) => g.members.length === 1).length).toBeLessThanOrEqual(1);
            // Without earlier ones, the same grouping as within one solve.
            expect(formPairs(fresh, true, [])).toEqual(formPairs(fresh, true));
          },
        ),
      );
    });
  });
});
