import { suppressSmallCells } from './small-cell-suppression';

describe(suppressSmallCells.name, () => {
  it('shows zeros and counts of five or more', () => {
    expect(suppressSmallCells({ a: 0, b: 5, c: 12 })).toEqual({ a: 0, b: 5, c: 12 });
  });

  it('hides every cell of 1-4', () => {
    expect(suppressSmallCells({ a: 1, b: 4, c: 9 })).toEqual({ a: null, b: null, c: 9 });
  });

  it('hides the next smallest cell too when only one would be hidden, so it cannot be recomputed from the total', () => {
    expect(suppressSmallCells({ a: 2, b: 7, c: 30 })).toEqual({ a: null, b: null, c: 30 });
  });
});
