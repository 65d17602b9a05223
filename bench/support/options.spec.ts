import { intOptions } from './options';

describe('bench options', () => {
  const defaults = { candidates: 2000, baselineRuns: 7 };

  it('takes the defaults, then the environment, then the flags', () => {
    expect(intOptions(defaults, [], {})).toEqual(defaults);
    expect(intOptions(defaults, [], { BENCH_CANDIDATES: '50', BENCH_BASELINE_RUNS: '3' })).toEqual({ candidates: 50, baselineRuns: 3 });
    expect(intOptions(defaults, ['--candidates', '100000', '--baseline-runs=5'], { BENCH_CANDIDATES: '50' })).toEqual({
      candidates: 100000,
      baselineRuns: 5,
    });
  });

  it('refuses unknown flags and values that are no numbers, naming the known flags', () => {
    expect(() => intOptions(defaults, ['--candiates', '5'], {})).toThrow('known: --candidates, --baseline-runs');
    expect(() => intOptions(defaults, ['--candidates', 'many'], {})).toThrow('--candidates must be a number ≥ 0, got NaN');
    expect(() => intOptions(defaults, ['--candidates'], {})).toThrow('--candidates must be a number');
    expect(() => intOptions(defaults, [], { BENCH_CANDIDATES: '-1' })).toThrow('--candidates must be a number ≥ 0, got -1');
  });
});
