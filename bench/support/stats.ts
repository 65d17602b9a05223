/**
 * The statistics every benchmark reports with: medians and nearest-rank percentiles of repeated runs, and ratios
 * against a baseline measured in the same run (the machine is shared and noisy, so absolute times say little).
 */

function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100): the smallest value with at least p % of the values at or below it. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** `value / baseline`, rounded; the figure to report, since both were measured on the same machine in one run. */
export function ratio(value: number, baseline: number, digits = 3): number {
  return round(value / baseline, digits);
}

/** A ratio as the tables print it: `0.042×`. */
export function formatRatio(value: number, baseline: number, digits = 3): string {
  return `${ratio(value, baseline, digits)}×`;
}

export interface Distribution {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

/** Median, p90, min and max of repeated measurements, rounded to `digits`. */
export function distribution(xs: readonly number[], digits = 2): Distribution {
  return {
    n: xs.length,
    median: round(median(xs), digits),
    p90: round(percentile(xs, 90), digits),
    min: round(xs.length ? Math.min(...xs) : NaN, digits),
    max: round(xs.length ? Math.max(...xs) : NaN, digits),
  };
}
