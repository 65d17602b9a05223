import fc from 'fast-check';
import type { CandidateForMatching, NeedForMatching, TaskLevel, TaskRequirement } from '../src/types';
import type { ScoringWeights } from '../src/weights';

const TASKS = ['cook', 'clean', 'serve', 'stock', 'assist', 'drive'];
const OCCUPATIONS = ['5120', '9111', '5311', '5312', '4110'];
const MUNICIPALITIES = ['1280', '1281', '1282', '1283'];

export const level = fc.constantFrom<TaskLevel>(1, 2, 3);

/** A date between 2022-01-01 and 2027-12-31 as YYYY-MM-DD. */
export const isoDate = fc
  .integer({ min: Date.UTC(2022, 0, 1) / 86_400_000, max: Date.UTC(2027, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

const taskRequirement: fc.Arbitrary<TaskRequirement> = fc.record({
  taskId: fc.constantFrom(...TASKS),
  requiredLevel: level,
  weight: fc.constantFrom('must-have' as const, 'nice-to-have' as const),
});

export const candidateArb: fc.Arbitrary<CandidateForMatching> = fc.record({
  candidateId: fc.uuid(),
  homeMunicipality: fc.constantFrom(...MUNICIPALITIES),
  availableFrom: isoDate,
  maxCommuteMinutes: fc.integer({ min: 0, max: 120 }),
  interests: fc.subarray(OCCUPATIONS),
  supportNeeds: fc.record({ closeSupervision: fc.boolean(), languageSupport: fc.boolean() }),
  consentActive: fc.boolean(),
  waitingSince: isoDate,
  validations: fc.dictionary(fc.constantFrom(...TASKS), level, { maxKeys: TASKS.length }),
});

export const needArb: fc.Arbitrary<NeedForMatching> = fc.record({
  needId: fc.uuid(),
  status: fc.constantFrom('draft' as const, 'open' as const, 'filled' as const, 'closed' as const),
  positionsLeft: fc.integer({ min: 0, max: 5 }),
  startDate: isoDate,
  workplaceMunicipality: fc.constantFrom(...MUNICIPALITIES),
  occupations: fc.subarray(OCCUPATIONS),
  tasks: fc.uniqueArray(taskRequirement, { selector: (t) => t.taskId, maxLength: TASKS.length }),
  shortage: fc.boolean(),
  support: fc.record({
    supervisorCapacity: fc.integer({ min: 0, max: 3 }),
    languageSupport: fc.boolean(),
    pairInternshipAllowed: fc.boolean(),
  }),
});

/** Non-negative weights summing to 100 (integers, so the sum is exact). */
export const weightsArb: fc.Arbitrary<ScoringWeights> = fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)).map((cuts) => {
  const [a, b, c, d] = [...cuts].sort((x, y) => x - y);
  return {
    version: 'test-v1',
    taskCoverage: a,
    interests: b - a,
    shortage: c - b,
    waiting: d - c,
    supportFit: 100 - d,
  };
});
