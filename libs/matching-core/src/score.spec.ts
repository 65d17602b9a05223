import fc from 'fast-check';
import { aCandidate, aNeed } from '../test/fixtures';
import { candidateArb, isoDate, needArb, weightsArb } from '../test/arbitraries';
import { scoreCandidate, scoreOf, WAITING_SATURATION_DAYS, type Explanation } from './score';
import { DEFAULT_WEIGHTS, WeightsError, type ScoringWeights } from './weights';

const today = { today: '2025-02-01' };
const only = (factor: keyof Omit<ScoringWeights, 'version'>): ScoringWeights => ({
  version: `only-${factor}`,
  taskCoverage: 0,
  interests: 0,
  shortage: 0,
  waiting: 0,
  supportFit: 0,
  [factor]: 100,
});
const valueOf = (e: Explanation, factor: string) => e.factors.find((f) => f.factor === factor)!.value;

describe(scoreCandidate.name, () => {
  it('explains a typical pair: each factor, its points, and tasks covered and missing', () => {
    const e = scoreCandidate(aCandidate(), aNeed(), DEFAULT_WEIGHTS, today);
    // cook (must-have, 2 of 2) full credit ×2, clean (nice-to-have, 1 of 2) half credit ×1: 2.5 / 3.
    expect(e.factors.map((f) => [f.factor, f.weight, f.value])).toEqual([
      ['taskCoverage', 45, 2.5 / 3],
      ['interests', 15, 1],
      ['shortage', 15, 1],
      ['waiting', 15, 397 / WAITING_SATURATION_DAYS],
      ['supportFit', 10, 1],
    ]);
    // 37.5 + 15 + 15 + 8.1575… + 10 = 85.6575…: the cent left over goes to the largest remainder (waiting).
    expect(e.factors.map((f) => f.contribution)).toEqual([37.5, 15, 15, 8.16, 10]);
    expect(e.score).toBe(85.66);
    expect(e.weightsVersion).toBe('default-v1');
    expect(e.tasksCovered).toEqual([{ taskId: 'cook', required: 2, reached: 2, weight: 'must-have' }]);
    expect(e.tasksMissing).toEqual([{ taskId: 'clean', required: 2, reached: 1, weight: 'nice-to-have' }]);
  });

  it('lists a task never validated as missing with reached null', () => {
    const e = scoreCandidate(aCandidate({ validations: { cook: 2 } }), aNeed(), DEFAULT_WEIGHTS, today);
    expect(e.tasksMissing).toEqual([{ taskId: 'clean', required: 2, reached: null, weight: 'nice-to-have' }]);
  });

  it('weighs a must-have task twice as much as a nice-to-have one', () => {
    const need = aNeed({
      tasks: [
        { taskId: 'a', requiredLevel: 1, weight: 'must-have' },
        { taskId: 'b', requiredLevel: 1, weight: 'nice-to-have' },
      ],
    });
    const w = only('taskCoverage');
    expect(scoreCandidate(aCandidate({ validations: { a: 1 } }), need, w, today).score).toBe(66.67);
    expect(scoreCandidate(aCandidate({ validations: { b: 1 } }), need, w, today).score).toBe(33.33);
  });

  it('credits a level below the required one in proportion, and caps a higher level at full credit', () => {
    const need = aNeed({ tasks: [{ taskId: 'a', requiredLevel: 3, weight: 'must-have' }] });
    const w = only('taskCoverage');
    expect(scoreCandidate(aCandidate({ validations: { a: 2 } }), need, w, today).score).toBe(66.67);
    const low = aNeed({ tasks: [{ taskId: 'a', requiredLevel: 1, weight: 'must-have' }] });
    expect(scoreCandidate(aCandidate({ validations: { a: 3 } }), low, w, today).score).toBe(100);
  });

  it('gives full coverage to a role without tasks', () => {
    expect(valueOf(scoreCandidate(aCandidate(), aNeed({ tasks: [] }), DEFAULT_WEIGHTS, today), 'taskCoverage')).toBe(1);
  });

  it('scores interests as the share of the role’s occupations the candidate is interested in', () => {
    const need = aNeed({ occupations: ['5120', '9111', '9111'] });
    expect(valueOf(scoreCandidate(aCandidate({ interests: ['9111'] }), need, DEFAULT_WEIGHTS, today), 'interests')).toBe(0.5);
    expect(valueOf(scoreCandidate(aCandidate({ interests: ['4110'] }), need, DEFAULT_WEIGHTS, today), 'interests')).toBe(0);
    expect(valueOf(scoreCandidate(aCandidate(), aNeed({ occupations: [] }), DEFAULT_WEIGHTS, today), 'interests')).toBe(0);
  });

  it('gives the shortage points only for a shortage occupation', () => {
    expect(valueOf(scoreCandidate(aCandidate(), aNeed({ shortage: true }), DEFAULT_WEIGHTS, today), 'shortage')).toBe(1);
    expect(valueOf(scoreCandidate(aCandidate(), aNeed({ shortage: false }), DEFAULT_WEIGHTS, today), 'shortage')).toBe(0);
  });

  it('raises priority with time waiting, saturating after two years', () => {
    const at = (waitingSince: string) => valueOf(scoreCandidate(aCandidate({ waitingSince }), aNeed(), DEFAULT_WEIGHTS, today), 'waiting');
    expect(at('2025-02-01')).toBe(0);
    expect(at('2025-03-01')).toBe(0); // registered in the future (clock skew): no negative waiting
    expect(at('2024-02-02')).toBeCloseTo(365 / 730, 12);
    expect(at('2023-02-02')).toBe(1);
    expect(at('2020-01-01')).toBe(1);
  });

  it('fits support: nothing needed fits fully, each need counts half when two are needed', () => {
    const fit = (closeSupervision: boolean, languageSupport: boolean, supervisorCapacity: number, offersLanguage: boolean) =>
      valueOf(
        scoreCandidate(
          aCandidate({ supportNeeds: { closeSupervision, languageSupport } }),
          aNeed({ support: { supervisorCapacity, languageSupport: offersLanguage, pairInternshipAllowed: false } }),
          DEFAULT_WEIGHTS,
          today,
        ),
        'supportFit',
      );
    expect(fit(false, false, 0, false)).toBe(1);
    expect(fit(true, false, 1, false)).toBe(1);
    expect(fit(true, false, 0, true)).toBe(0);
    expect(fit(false, true, 0, true)).toBe(1);
    expect(fit(false, true, 2, false)).toBe(0);
    expect(fit(true, true, 1, false)).toBe(0.5);
    expect(fit(true, true, 0, true)).toBe(0.5);
    expect(fit(true, true, 3, true)).toBe(1);
  });

  it('refuses invalid weights', () => {
    expect(() => scoreCandidate(aCandidate(), aNeed(), { ...DEFAULT_WEIGHTS, waiting: 16 }, today)).toThrow(WeightsError);
    expect(() => scoreCandidate(aCandidate(), aNeed(), { ...DEFAULT_WEIGHTS, waiting: -1, supportFit: 26 }, today)).toThrow(WeightsError);
  });

  it('stays within 0..100 with two decimals, and its contributions add up to the score exactly', () => {
    fc.assert(
      fc.property(candidateArb, needArb, weightsArb, isoDate, (candidate, need, weights, day) => {
        const e = scoreCandidate(candidate, need, weights, { today: day });
        expect(e.score).toBeGreaterThanOrEqual(0);
        expect(e.score).toBeLessThanOrEqual(100);
        expect(Math.round(e.score * 100)).toBeCloseTo(e.score * 100, 9);
        const cents = e.factors.reduce((sum, f) => sum + Math.round(f.contribution * 100), 0);
        expect(cents).toBe(Math.round(e.score * 100));
        let raw = 0;
        for (const f of e.factors) {
          expect(f.value).toBeGreaterThanOrEqual(0);
          expect(f.value).toBeLessThanOrEqual(1);
          expect(f.weight).toBe(weights[f.factor]);
          // Each contribution is its weight × value, to the cent.
          expect(Math.abs(f.contribution - f.weight * f.value)).toBeLessThanOrEqual(0.01 + 1e-9);
          raw += f.weight * f.value;
        }
        expect(Math.abs(e.score - raw)).toBeLessThanOrEqual(0.005 + 1e-9);
        // Every task of the need is either covered or missing, never both.
        const covered = e.tasksCovered.map((t) => t.taskId);
        const missing = e.tasksMissing.map((t) => t.taskId);
        expect([...covered, ...missing].sort()).toEqual(need.tasks.map((t) => t.taskId).sort());
        for (const t of e.tasksCovered) expect(t.reached).toBeGreaterThanOrEqual(t.required);
        for (const t of e.tasksMissing) expect(t.reached === null || t.reached < t.required).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never scores lower when a validation level rises', () => {
    fc.assert(
      fc.property(candidateArb, needArb, weightsArb, fc.constantFrom('cook', 'clean', 'serve'), (candidate, need, weights, task) => {
        const before = candidate.validations[task] ?? 0;
        if (before === 3) return;
        const raised = { ...candidate, validations: { ...candidate.validations, [task]: (before + 1) as 1 | 2 | 3 } };
        expect(scoreCandidate(raised, need, weights, today).score).toBeGreaterThanOrEqual(
          scoreCandidate(candidate, need, weights, today).score,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(candidateArb, needArb, (candidate, need) => {
        expect(scoreCandidate(candidate, need, DEFAULT_WEIGHTS, today)).toEqual(scoreCandidate(candidate, need, DEFAULT_WEIGHTS, today));
      }),
      { numRuns: 100 },
    );
  });
});

describe(scoreOf.name, () => {
  /** Weights with tenths, whose float sums are not exact: where rounding differs first if anything does. */
  const tenthsArb: fc.Arbitrary<ScoringWeights> = fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000)).map((cuts) => {
    const [a, b, c, d] = [...cuts].sort((x, y) => x - y);
    return {
      version: 'tenths',
      taskCoverage: a / 10,
      interests: (b - a) / 10,
      shortage: (c - b) / 10,
      waiting: (d - c) / 10,
      supportFit: (1000 - d) / 10,
    };
  });

  it('is the score of scoreCandidate, to the cent, for any pair, weights and day', () => {
    fc.assert(
      fc.property(
        candidateArb,
        needArb,
        fc.oneof(weightsArb, tenthsArb),
        isoDate,
        fc.boolean(),
        (candidate, need, weights, day, repeatOccupation) => {
          // A role may list an occupation twice; both count it once.
          const n =
            repeatOccupation && need.occupations.length > 0 ? { ...need, occupations: [...need.occupations, need.occupations[0]] } : need;
          expect(scoreOf(candidate, n, weights, { today: day })).toBe(scoreCandidate(candidate, n, weights, { today: day }).score);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses invalid weights as scoreCandidate does', () => {
    expect(() => scoreOf(aCandidate(), aNeed(), { ...DEFAULT_WEIGHTS, waiting: 16 }, today)).toThrow(WeightsError);
  });
});
