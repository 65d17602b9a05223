import { distribution, formatRatio, median, percentile, ratio, round } from './stats';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives nearest-rank percentiles', () => {
    const xs = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(xs, 90)).toBe(9);
    expect(percentile(xs, 50)).toBe(5);
    expect(percentile(xs, 100)).toBe(10);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([42], 90)).toBe(42);
    expect(() => percentile(xs, 101)).toThrow(/0\.\.100/);
  });

  it('reports ratios against the same-run baseline', () => {
    expect(ratio(12.5, 50)).toBe(0.25);
    expect(ratio(1, 3)).toBe(0.333);
    expect(formatRatio(150, 100)).toBe('1.5×');
    expect(round(2.346, 2)).toBe(2.35);
    expect(round(2.25)).toBe(2.3);
  });

  it('summarises a distribution', () => {
    expect(distribution([3, 1, 2, 10])).toEqual({ n: 4, median: 2.5, p90: 10, min: 1, max: 10 });
  });
});
