import { InstanceError, parseInstance } from './instance';

const valid = () => ({
  candidates: [
    { id: 'c1', capacity: 2 },
    { id: 'c2', capacity: 0 },
  ],
  needs: [{ id: 'n1', capacity: 3 }],
  edges: [
    { candidate: 'c1', need: 'n1', score: 71.5 },
    { candidate: 'c2', need: 'n1', score: -3 },
  ],
});

function messageOf(json: unknown): string {
  try {
    parseInstance(json);
  } catch (e) {
    expect(e).toBeInstanceOf(InstanceError);
    return (e as Error).message;
  }
  throw new Error('expected an InstanceError');
}

describe(parseInstance.name, () => {
  it('returns a valid instance with exactly the known fields', () => {
    const json = { ...valid(), comment: 'ignored' };
    (json.edges[0] as Record<string, unknown>).extra = true;
    expect(parseInstance(json)).toEqual(valid());
  });

  it.each<[string, (j: ReturnType<typeof valid>) => unknown, string]>([
    ['a non-object', () => [], 'instance must be an object, got an array'],
    ['no candidates', (j) => ({ ...j, candidates: undefined }), 'candidates must be an array, got nothing'],
    ['needs not an array', (j) => ({ ...j, needs: { n1: 1 } }), 'needs must be an array, got an object'],
    ['edges not an array', (j) => ({ ...j, edges: 'x' }), 'edges must be an array, got "x"'],
    ['a candidate that is not an object', (j) => ({ ...j, candidates: [j.candidates[0], 7] }), 'candidates[1] must be an object, got 7'],
    ['an empty id', (j) => ({ ...j, needs: [{ id: '', capacity: 1 }] }), 'needs[0].id must be a non-empty string, got ""'],
    ['a numeric id', (j) => ({ ...j, candidates: [{ id: 5, capacity: 1 }] }), 'candidates[0].id must be a non-empty string, got 5'],
    [
      'a duplicate candidate id',
      (j) => ({ ...j, candidates: [...j.candidates, { id: 'c1', capacity: 1 }] }),
      'candidates[2].id "c1" duplicates candidates[0].id',
    ],
    [
      'a negative capacity',
      (j) => ({ ...j, needs: [{ id: 'n1', capacity: -1 }] }),
      'needs[0].capacity must be a non-negative integer, got -1',
    ],
    [
      'a fractional capacity',
      (j) => ({ ...j, needs: [{ id: 'n1', capacity: 1.5 }] }),
      'needs[0].capacity must be a non-negative integer, got 1.5',
    ],
    [
      'a capacity as text',
      (j) => ({ ...j, candidates: [{ id: 'c1', capacity: '2' }] }),
      'candidates[0].capacity must be a non-negative integer, got "2"',
    ],
    [
      'a huge capacity',
      (j) => ({ ...j, needs: [{ id: 'n1', capacity: 2 ** 40 }] }),
      `needs[0].capacity must be at most 2147483647, got ${2 ** 40}`,
    ],
    ['an edge that is null', (j) => ({ ...j, edges: [null] }), 'edges[0] must be an object, got null'],
    [
      'an unknown candidate',
      (j) => ({ ...j, edges: [...j.edges, { candidate: 'c9', need: 'n1', score: 1 }] }),
      'edges[2].candidate "c9" is not in candidates',
    ],
    ['an unknown need', (j) => ({ ...j, edges: [{ candidate: 'c1', need: 'n2', score: 1 }] }), 'edges[0].need "n2" is not in needs'],
    ['a missing need', (j) => ({ ...j, edges: [{ candidate: 'c1', score: 1 }] }), 'edges[0].need must be a non-empty string, got nothing'],
    [
      'a score as text',
      (j) => ({ ...j, edges: [{ candidate: 'c1', need: 'n1', score: '7' }] }),
      'edges[0].score must be a finite number, got "7"',
    ],
    [
      'a null score',
      (j) => ({ ...j, edges: [{ candidate: 'c1', need: 'n1', score: null }] }),
      'edges[0].score must be a finite number, got null',
    ],
    [
      'a score too large',
      (j) => ({ ...j, edges: [{ candidate: 'c1', need: 'n1', score: 1e7 }] }),
      'edges[0].score must be at most 1000000, got 10000000',
    ],
  ])('names the problem exactly for %s', (_, mutate, message) => {
    expect(messageOf(mutate(valid()))).toBe(message);
  });

  it('points at the first bad edge by its index', () => {
    const edges = Array.from({ length: 20 }, (_, i) => ({ candidate: 'c1', need: 'n1', score: i === 12 ? Infinity : i }));
    expect(messageOf({ ...valid(), edges })).toBe('edges[12].score must be a finite number, got Infinity');
  });

  it('allows the same id for a candidate and a need (separate namespaces)', () => {
    expect(() => parseInstance({ candidates: [{ id: 'x', capacity: 1 }], needs: [{ id: 'x', capacity: 1 }], edges: [] })).not.toThrow();
  });
});
