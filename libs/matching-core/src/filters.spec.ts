import fc from 'fast-check';
import { candidateArb, isoDate, needArb } from '../test/arbitraries';
import { aCandidate, aNeed } from '../test/fixtures';
import { checkHardFilters, hardFilterChecklist, passesHardFilters, type HardFilterContext } from './filters';

const ctx = (overrides: Partial<HardFilterContext> = {}): HardFilterContext => ({
  today: '2025-02-01',
  commuteMinutes: () => 30,
  rejected: false,
  ...overrides,
});

const codes = (result: ReturnType<typeof checkHardFilters>) => result.failures.map((f) => f.code);

describe(checkHardFilters.name, () => {
  it('passes a candidate who meets every rule', () => {
    expect(checkHardFilters(aCandidate(), aNeed(), ctx())).toEqual({ passed: true, failures: [] });
  });

  it.each(['draft', 'filled', 'closed'] as const)('fails a need that is %s', (status) => {
    const result = checkHardFilters(aCandidate(), aNeed({ status }), ctx());
    expect(result.passed).toBe(false);
    expect(codes(result)).toEqual(['NEED_NOT_OPEN']);
    expect(result.failures[0].detail).toContain(status);
  });

  it('fails a need with no positions left', () => {
    expect(codes(checkHardFilters(aCandidate(), aNeed({ positionsLeft: 0 }), ctx()))).toEqual(['NO_POSITIONS_LEFT']);
    expect(checkHardFilters(aCandidate(), aNeed({ positionsLeft: 1 }), ctx()).passed).toBe(true);
  });

  it('fails a candidate available only after the start date, and passes one available on the day', () => {
    expect(codes(checkHardFilters(aCandidate({ availableFrom: '2025-03-02' }), aNeed(), ctx()))).toEqual(['NOT_AVAILABLE_BY_START']);
    expect(checkHardFilters(aCandidate({ availableFrom: '2025-03-01' }), aNeed(), ctx()).passed).toBe(true);
  });

  it('treats a start date in the past as today', () => {
    const need = aNeed({ startDate: '2025-01-10' });
    // Available after the (past) start date but before today: she can start now, like everyone else.
    expect(checkHardFilters(aCandidate({ availableFrom: '2025-01-20' }), need, ctx()).passed).toBe(true);
    const late = checkHardFilters(aCandidate({ availableFrom: '2025-02-02' }), need, ctx());
    expect(codes(late)).toEqual(['NOT_AVAILABLE_BY_START']);
    expect(late.failures[0].detail).toContain('2025-02-01');
  });

  it('fails a commute above the candidate maximum, and passes one exactly at it', () => {
    const commuteMinutes = jest.fn(() => 46);
    const result = checkHardFilters(aCandidate(), aNeed(), ctx({ commuteMinutes }));
    expect(codes(result)).toEqual(['COMMUTE_TOO_LONG']);
    expect(commuteMinutes).toHaveBeenCalledWith('1283', '1282');
    expect(checkHardFilters(aCandidate(), aNeed(), ctx({ commuteMinutes: () => 45 })).passed).toBe(true);
  });

  it('fails an unknown commute (a non-finite answer)', () => {
    for (const minutes of [Infinity, NaN]) {
      expect(codes(checkHardFilters(aCandidate(), aNeed(), ctx({ commuteMinutes: () => minutes })))).toEqual(['COMMUTE_TOO_LONG']);
    }
  });

  it('fails a candidate without active consent', () => {
    expect(codes(checkHardFilters(aCandidate({ consentActive: false }), aNeed(), ctx()))).toEqual(['NO_CONSENT']);
  });

  it('fails a candidate rejected before for the same need', () => {
    expect(codes(checkHardFilters(aCandidate(), aNeed(), ctx({ rejected: true })))).toEqual(['REJECTED_BEFORE']);
  });

  it('fails a must-have task that is not validated, naming the task', () => {
    const result = checkHardFilters(aCandidate({ validations: { clean: 3 } }), aNeed(), ctx());
    expect(codes(result)).toEqual(['MUST_HAVE_MISSING']);
    expect(result.failures[0].detail).toContain('cook');
  });

  it('fails a must-have task validated below the required level', () => {
    const result = checkHardFilters(aCandidate({ validations: { cook: 1 } }), aNeed(), ctx());
    expect(codes(result)).toEqual(['MUST_HAVE_BELOW_LEVEL']);
    expect(result.failures[0].detail).toMatch(/cook.*2.*1/);
  });

  it('does not require nice-to-have tasks', () => {
    expect(checkHardFilters(aCandidate({ validations: { cook: 3 } }), aNeed(), ctx()).passed).toBe(true);
  });

  it('accepts a level above the required one', () => {
    expect(checkHardFilters(aCandidate({ validations: { cook: 3 } }), aNeed(), ctx()).passed).toBe(true);
  });

  it('does not find task ids on Object.prototype', () => {
    const need = aNeed({ tasks: [{ taskId: 'constructor', requiredLevel: 1, weight: 'must-have' }] });
    expect(codes(checkHardFilters(aCandidate(), need, ctx()))).toEqual(['MUST_HAVE_MISSING']);
  });

  it('reports every failing rule, one failure per missing must-have', () => {
    const need = aNeed({
      status: 'closed',
      positionsLeft: 0,
      tasks: [
        { taskId: 'a', requiredLevel: 1, weight: 'must-have' },
        { taskId: 'b', requiredLevel: 3, weight: 'must-have' },
      ],
    });
    const candidate = aCandidate({ availableFrom: '2026-01-01', consentActive: false, validations: { b: 2 } });
    const result = checkHardFilters(candidate, need, ctx({ rejected: true, commuteMinutes: () => 90 }));
    expect(result.passed).toBe(false);
    expect(codes(result)).toEqual([
      'NEED_NOT_OPEN',
      'NO_POSITIONS_LEFT',
      'NOT_AVAILABLE_BY_START',
      'COMMUTE_TOO_LONG',
      'NO_CONSENT',
      'REJECTED_BEFORE',
      'MUST_HAVE_MISSING',
      'MUST_HAVE_BELOW_LEVEL',
    ]);
  });

  it('rejects malformed dates rather than comparing them as text', () => {
    expect(() => checkHardFilters(aCandidate({ availableFrom: '2025-2-1' }), aNeed(), ctx())).toThrow(/availableFrom/);
    expect(() => checkHardFilters(aCandidate(), aNeed({ startDate: '2025-02-30' }), ctx())).toThrow(/startDate/);
  });
});

describe(hardFilterChecklist.name, () => {
  it('shows every rule with the values it compared, passed or not', () => {
    const need = aNeed({
      tasks: [
        { taskId: 'cook', requiredLevel: 2, weight: 'must-have' },
        { taskId: 'serve', requiredLevel: 3, weight: 'must-have' },
        { taskId: 'clean', requiredLevel: 2, weight: 'nice-to-have' },
      ],
    });
    const checklist = hardFilterChecklist(aCandidate({ validations: { cook: 2, serve: 1 } }), need, ctx({ commuteMinutes: () => 52 }));
    expect(checklist).toEqual({
      passed: false,
      needOpen: { passed: true, status: 'open' },
      positionsLeft: { passed: true, positionsLeft: 2 },
      availableByStart: { passed: true, availableFrom: '2025-01-01', startsOn: '2025-03-01' },
      commute: { passed: false, minutes: 52, maxMinutes: 45, from: '1283', to: '1282' },
      consent: { passed: true },
      notRejectedBefore: { passed: true },
      // Only must-haves are filters; the nice-to-have is the score's business.
      mustHaves: [
        { passed: true, taskId: 'cook', required: 2, reached: 2 },
        { passed: false, taskId: 'serve', required: 3, reached: 1 },
      ],
    });
  });

  it('shows an unknown route as no minutes, and a past start as today', () => {
    const checklist = hardFilterChecklist(aCandidate(), aNeed({ startDate: '2025-01-10' }), ctx({ commuteMinutes: () => Infinity }));
    expect(checklist.commute).toMatchObject({ passed: false, minutes: null });
    expect(checklist.availableByStart).toEqual({ passed: true, availableFrom: '2025-01-01', startsOn: '2025-02-01' });
  });

  it('agrees with checkHardFilters on every input: a rule fails in the checklist exactly when its code is a failure', () => {
    const level = fc.option(fc.constantFrom<1 | 2 | 3>(1, 2, 3), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom('draft', 'open', 'filled', 'closed' as const),
          positionsLeft: fc.integer({ min: -1, max: 3 }),
          availableFrom: fc.constantFrom('2025-01-01', '2025-02-01', '2025-02-02', '2025-03-01', '2025-03-02'),
          startDate: fc.constantFrom('2025-01-10', '2025-02-01', '2025-03-01'),
          minutes: fc.constantFrom(10, 45, 46, Infinity, NaN),
          consentActive: fc.boolean(),
          rejected: fc.boolean(),
          cook: level,
          serve: level,
        }),
        (x) => {
          const validations: Record<string, 1 | 2 | 3> = {};
          if (x.cook !== undefined) validations.cook = x.cook;
          if (x.serve !== undefined) validations.serve = x.serve;
          const candidate = aCandidate({ availableFrom: x.availableFrom, consentActive: x.consentActive, validations });
          const need = aNeed({
            status: x.status,
            positionsLeft: x.positionsLeft,
            startDate: x.startDate,
            tasks: [
              { taskId: 'cook', requiredLevel: 2, weight: 'must-have' },
              { taskId: 'serve', requiredLevel: 1, weight: 'must-have' },
            ],
          });
          const c = ctx({ commuteMinutes: () => x.minutes, rejected: x.rejected });
          const checklist = hardFilterChecklist(candidate, need, c);
          const result = checkHardFilters(candidate, need, c);
          const failed = new Set(result.failures.map((f) => f.code));
          expect(checklist.passed).toBe(result.passed);
          expect(!checklist.needOpen.passed).toBe(failed.has('NEED_NOT_OPEN'));
          expect(!checklist.positionsLeft.passed).toBe(failed.has('NO_POSITIONS_LEFT'));
          expect(!checklist.availableByStart.passed).toBe(failed.has('NOT_AVAILABLE_BY_START'));
          expect(!checklist.commute.passed).toBe(failed.has('COMMUTE_TOO_LONG'));
          expect(!checklist.consent.passed).toBe(failed.has('NO_CONSENT'));
          expect(!checklist.notRejectedBefore.passed).toBe(failed.has('REJECTED_BEFORE'));
          const mustHaveFailures = result.failures.filter((f) => f.code.startsWith('MUST_HAVE_')).length;
          expect(checklist.mustHaves.filter((m) => !m.passed)).toHaveLength(mustHaveFailures);
        },
      ),
    );
  });
});

describe(passesHardFilters.name, () => {
  it('passes exactly the pairs checkHardFilters passes', () => {
    const minutes = fc.constantFrom(0, 10, 45, 60, 119, 120, Infinity, NaN);
    fc.assert(
      fc.property(candidateArb, needArb, isoDate, minutes, fc.boolean(), (candidate, need, today, m, rejected) => {
        const c = ctx({ today, commuteMinutes: () => m, rejected });
        expect(passesHardFilters(candidate, need, c)).toBe(checkHardFilters(candidate, need, c).passed);
      }),
      { numRuns: 3000 },
    );
  });

  it('passes a pair that meets every rule, where a must-have at a higher level than required is enough', () => {
    const candidate = aCandidate({ validations: { cook: 3 } });
    const need = aNeed({ tasks: [{ taskId: 'cook', requiredLevel: 2, weight: 'must-have' }] });
    expect(checkHardFilters(candidate, need, ctx()).passed).toBe(true);
    expect(passesHardFilters(candidate, need, ctx())).toBe(true);
  });
});
