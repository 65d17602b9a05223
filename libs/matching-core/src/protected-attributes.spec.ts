import fc from 'fast-check';
import { candidateArb, isoDate, needArb, weightsArb } from '../test/arbitraries';
import { checkHardFilters } from './filters';
import { scoreCandidate } from './score';
import { PROTECTED_ATTRIBUTES, type CandidateForMatching } from './types';

/** Follow-up attributes as they exist elsewhere in the system, attached to a candidate as extra properties. */
const followUp = fc.record({
  gender: fc.constantFrom('woman', 'man', 'non-binary', 'unknown'),
  countryOfBirth: fc.constantFrom('SE', 'SY', 'SO', 'AF', 'ER', 'IQ', 'TH', 'PL'),
  bornAbroad: fc.boolean(),
  yearOfArrival: fc.integer({ min: 1970, max: 2025 }),
  reasonForImmigration: fc.constantFrom('refugee', 'family', 'work', 'study', 'other'),
  birthYear: fc.integer({ min: 1950, max: 2007 }),
  age: fc.integer({ min: 18, max: 75 }),
  name: fc.string({ maxLength: 30 }),
});

const DECLARED = new Set<string>([
  'candidateId',
  'homeMunicipality',
  'availableFrom',
  'maxCommuteMinutes',
  'interests',
  'supportNeeds',
  'consentActive',
  'waitingSince',
  'validations',
]);

/** A candidate whose undeclared properties throw when read: proves scoring and filtering never look at them. */
function guarded(candidate: CandidateForMatching): CandidateForMatching {
  return new Proxy(candidate, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !DECLARED.has(key)) throw new Error(`read of undeclared candidate property ${key}`);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('protected attributes', () => {
  it('change no score and no filter outcome, whatever their values', () => {
    fc.assert(
      fc.property(
        candidateArb,
        needArb,
        weightsArb,
        isoDate,
        followUp,
        followUp,
        fc.boolean(),
        fc.integer({ min: 0, max: 180 }),
        (candidate, need, weights, today, a, b, rejected, minutes) => {
          const ctx = { today, rejected, commuteMinutes: () => minutes };
          const withA = { ...candidate, ...a } as CandidateForMatching;
          const withB = { ...candidate, ...b } as CandidateForMatching;
          expect(scoreCandidate(withB, need, weights, { today })).toEqual(scoreCandidate(withA, need, weights, { today }));
          expect(checkHardFilters(withB, need, ctx)).toEqual(checkHardFilters(withA, need, ctx));
          // Also equal to the candidate without any of them.
          expect(scoreCandidate(withA, need, weights, { today })).toEqual(scoreCandidate(candidate, need, weights, { today }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('are never even read by scoring or filtering', () => {
    fc.assert(
      fc.property(candidateArb, needArb, weightsArb, isoDate, followUp, (candidate, need, weights, today, extra) => {
        const c = guarded({ ...candidate, ...extra } as CandidateForMatching);
        expect(() => scoreCandidate(c, need, weights, { today })).not.toThrow();
        expect(() => checkHardFilters(c, need, { today, rejected: false, commuteMinutes: () => 10 })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('cover every attribute the design names', () => {
    // If this list grows, the generator above must grow with it.
    expect([...PROTECTED_ATTRIBUTES].sort()).toEqual(
      ['age', 'birthYear', 'bornAbroad', 'countryOfBirth', 'gender', 'name', 'reasonForImmigration', 'yearOfArrival'].sort(),
    );
  });
});
