import { DEFAULT_WEIGHTS, validateWeights, WeightsError, WeightsRegistry, type FactorWeights } from './weights';

const even: FactorWeights = { taskCoverage: 20, interests: 20, shortage: 20, waiting: 20, supportFit: 20 };

describe(validateWeights.name, () => {
  it('accepts the defaults and weights summing to 100 up to float noise', () => {
    expect(validateWeights(DEFAULT_WEIGHTS)).toBe(DEFAULT_WEIGHTS);
    expect(() =>
      validateWeights({ version: 'x', taskCoverage: 33.3, interests: 33.3, shortage: 33.4, waiting: 0, supportFit: 0 }),
    ).not.toThrow();
  });

  it('names a negative, missing or non-finite factor', () => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, interests: -5, shortage: 35 })).toThrow(
      new WeightsError('weights.interests must be a non-negative finite number, got -5'),
    );
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, waiting: NaN })).toThrow('weights.waiting must be a non-negative finite number');
    const { supportFit: _, ...missing } = DEFAULT_WEIGHTS;
    expect(() => validateWeights(missing as typeof DEFAULT_WEIGHTS)).toThrow(
      'weights.supportFit must be a non-negative finite number, got undefined',
    );
  });

  it('requires the sum to be 100 and says what it is', () => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, waiting: 20 })).toThrow(new WeightsError('weights must sum to 100, got 105'));
  });

  it('requires a version', () => {
    expect(() => validateWeights({ ...DEFAULT_WEIGHTS, version: ' ' })).toThrow('weights.version must be a non-empty string');
  });
});

describe(WeightsRegistry.name, () => {
  it('falls back to the defaults for a region without weights and for no region', () => {
    const registry = new WeightsRegistry();
    expect(registry.current('skane')).toBe(DEFAULT_WEIGHTS);
    expect(registry.current()).toBe(DEFAULT_WEIGHTS);
    expect(registry.get('default-v1')).toBe(DEFAULT_WEIGHTS);
  });

  it('versions each region separately as <region>-v<n>', () => {
    const registry = new WeightsRegistry();
    expect(registry.set('skane', even)).toBe('skane-v1');
    expect(registry.set('skane', { ...even, waiting: 30, supportFit: 10 })).toBe('skane-v2');
    expect(registry.set('vimmerby', even)).toBe('vimmerby-v1');
    expect(registry.current('skane')).toEqual({ version: 'skane-v2', ...even, waiting: 30, supportFit: 10 });
    expect(registry.current('vimmerby').version).toBe('vimmerby-v1');
  });

  it('keeps every issued version resolvable, unchanged', () => {
    const registry = new WeightsRegistry();
    const weights = { ...even };
    const v1 = registry.set('skane', weights);
    weights.waiting = 99; // the caller's object is not kept
    registry.set('skane', { ...even, waiting: 30, supportFit: 10 });
    expect(registry.get(v1)).toEqual({ version: 'skane-v1', ...even });
    expect(Object.isFrozen(registry.get(v1))).toBe(true);
    expect(registry.get('skane-v3')).toBeUndefined();
  });

  it('refuses invalid weights and an empty region, storing nothing', () => {
    const registry = new WeightsRegistry();
    expect(() => registry.set('skane', { ...even, waiting: 25 })).toThrow('weights must sum to 100, got 105');
    expect(() => registry.set('', even)).toThrow('region must be a non-empty string');
    expect(registry.current('skane')).toBe(DEFAULT_WEIGHTS);
    expect(registry.history()).toEqual([]);
  });

  it('does not let a region reuse the default version id', () => {
    const registry = new WeightsRegistry();
    expect(() => registry.set('default', even)).toThrow('version default-v1 already exists');
  });

  it('restores from its history and continues the numbering', () => {
    const first = new WeightsRegistry();
    first.set('skane', even);
    first.set('skane', { ...even, waiting: 30, supportFit: 10 });
    const restored = new WeightsRegistry(DEFAULT_WEIGHTS, first.history());
    expect(restored.current('skane')).toEqual(first.current('skane'));
    expect(restored.set('skane', even)).toBe('skane-v3');
  });

  it('refuses a history with a gap in its versions', () => {
    expect(() => new WeightsRegistry(DEFAULT_WEIGHTS, [{ region: 'skane', weights: { version: 'skane-v2', ...even } }])).toThrow(
      'history for skane expects version skane-v1, got skane-v2',
    );
  });
});
