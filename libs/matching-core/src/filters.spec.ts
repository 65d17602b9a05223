import { aCandidate, aNeed } from '../test/fixtures';
import { checkHardFilters, type HardFilterContext } from './filters';

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
