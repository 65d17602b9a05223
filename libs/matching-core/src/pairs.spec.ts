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
});
