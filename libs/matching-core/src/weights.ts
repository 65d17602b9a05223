export const SCORING_FACTORS = ['taskCoverage', 'interests', 'shortage', 'waiting', 'supportFit'] as const;
export type ScoringFactor = (typeof SCORING_FACTORS)[number];

/** Points per factor; they sum to 100 so that a score reads as "out of 100". */
export type FactorWeights = { readonly [F in ScoringFactor]: number };

export interface ScoringWeights extends FactorWeights {
  /** Recorded with every proposal so that a score can be explained later with the weights that produced it. */
  readonly version: string;
}

export const DEFAULT_WEIGHTS: ScoringWeights = Object.freeze({
  version: 'default-v1',
  taskCoverage: 45,
  interests: 15,
  shortage: 15,
  waiting: 15,
  supportFit: 10,
});

/** Floating sums like 33.3 + 33.3 + 33.4 are not exactly 100. */
const SUM_TOLERANCE = 1e-9;

export class WeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsError';
  }
}

function checkFactors(w: FactorWeights, label: string): void {
  let sum = 0;
  for (const f of SCORING_FACTORS) {
    const value = w[f];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new WeightsError(`${label}.${f} must be a non-negative finite number, got ${String(value)}`);
    }
    sum += value;
  }
  if (Math.abs(sum - 100) > SUM_TOLERANCE) {
    throw new WeightsError(`${label} must sum to 100, got ${sum}`);
  }
}

/** Throws a WeightsError naming the first thing wrong; returns the weights so it can wrap a value. */
export function validateWeights(w: ScoringWeights): ScoringWeights {
  if (typeof w !== 'object' || w === null) throw new WeightsError('weights must be an object');
  if (typeof w.version !== 'string' || w.version.trim() === '') {
    throw new WeightsError('weights.version must be a non-empty string');
  }
  checkFactors(w, 'weights');
  return w;
}

export interface RegionWeights {
  readonly region: string;
  readonly weights: ScoringWeights;
}

const VERSION_SUFFIX = /-v(\d+)$/;

/**
 * Versioned weights per region, in memory. A version, once issued, never changes meaning, so a stored proposal's
 * `weightsVersion` always resolves to the weights that scored it. Persistence is the caller's: `history()` out,
 * the constructor back in.
 */
export class WeightsRegistry {
  private readonly byVersion = new Map<string, ScoringWeights>();
  private readonly latest = new Map<string, ScoringWeights>();
  private readonly log: RegionWeights[] = [];

  constructor(
    private readonly defaults: ScoringWeights = DEFAULT_WEIGHTS,
    history: readonly RegionWeights[] = [],
  ) {
    validateWeights(defaults);
    this.byVersion.set(defaults.version, defaults);
    for (const entry of history) this.restore(entry);
  }

  /** Stores new weights for a region and returns their version, `<region>-v<n>`. */
  set(region: string, weights: FactorWeights): string {
    checkRegion(region);
    checkFactors(weights, 'weights');
    const previous = this.latest.get(region);
    const n = previous === undefined ? 1 : versionNumber(previous.version) + 1;
    const version = `${region}-v${n}`;
    if (this.byVersion.has(version)) throw new WeightsError(`version ${version} already exists`);
    const stored: ScoringWeights = Object.freeze({
      version,
      taskCoverage: weights.taskCoverage,
      interests: weights.interests,
      shortage: weights.shortage,
      waiting: weights.waiting,
      supportFit: weights.supportFit,
    });
    this.remember(region, stored);
    return version;
  }

  /** The region's latest weights, or the defaults for a region without its own (or no region). */
  current(region?: string): ScoringWeights {
    return (region === undefined ? undefined : this.latest.get(region)) ?? this.defaults;
  }

  get(version: string): ScoringWeights | undefined {
    return this.byVersion.get(version);
  }

  history(): readonly RegionWeights[] {
    return [...this.log];
  }

  private restore(entry: RegionWeights): void {
    checkRegion(entry.region);
    validateWeights(entry.weights);
    const expected = `${entry.region}-v${this.latest.has(entry.region) ? versionNumber(this.latest.get(entry.region)!.version) + 1 : 1}`;
    if (entry.weights.version !== expected) {
      throw new WeightsError(`history for ${entry.region} expects version ${expected}, got ${entry.weights.version}`);
    }
    if (this.byVersion.has(expected)) throw new WeightsError(`version ${expected} already exists`);
    this.remember(entry.region, Object.freeze({ ...entry.weights }));
  }

  private remember(region: string, weights: ScoringWeights): void {
    this.byVersion.set(weights.version, weights);
    this.latest.set(region, weights);
    this.log.push({ region, weights });
  }
}

function checkRegion(region: string): void {
  if (typeof region !== 'string' || region.trim() === '') throw new WeightsError('region must be a non-empty string');
}

function versionNumber(version: string): number {
  return Number(VERSION_SUFFIX.exec(version)![1]);
}
