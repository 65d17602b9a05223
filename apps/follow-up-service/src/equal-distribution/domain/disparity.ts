/** A rate of one group and its ratio to everyone's rate in the same area, flagged outside the band. */
export interface Disparity {
  readonly rate: number | null;
  readonly ratio: number | null;
  /** 'below' / 'above' the band, or null when within it or not computable. */
  readonly warning: 'below' | 'above' | null;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * `numerator / denominator` of a group against the same of everyone. Computed only when every count is shown and
 * both denominators are positive: a rate from a hidden count would give the count back.
 */
export function disparity(
  group: { numerator: number | null; denominator: number | null },
  everyone: { numerator: number | null; denominator: number | null },
  band: { low: number; high: number },
): Disparity {
  const rateOf = (x: { numerator: number | null; denominator: number | null }): number | null =>
    x.numerator === null || x.denominator === null || x.denominator <= 0 ? null : x.numerator / x.denominator;
  const rate = rateOf(group);
  const reference = rateOf(everyone);
  if (rate === null) return { rate: null, ratio: null, warning: null };
  if (reference === null || reference === 0) return { rate: round3(rate), ratio: null, warning: null };
  const ratio = rate / reference;
  return { rate: round3(rate), ratio: round3(ratio), warning: ratio < band.low ? 'below' : ratio > band.high ? 'above' : null };
}
