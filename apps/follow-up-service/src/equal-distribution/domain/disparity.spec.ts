import { disparity } from './disparity';

const BAND = { low: 0.8, high: 1.25 };

describe(disparity.name, () => {
  it("divides a group's rate by everyone's and warns below the band", () => {
    // Women: 6 of 20 placements with language support; everyone: 20 of 40.
    expect(disparity({ numerator: 6, denominator: 20 }, { numerator: 20, denominator: 40 }, BAND)).toEqual({
      rate: 0.3,
      ratio: 0.6,
      warning: 'below',
    });
  });

  it('warns above the band and not on its edges', () => {
    expect(disparity({ numerator: 13, denominator: 20 }, { numerator: 20, denominator: 40 }, BAND).warning).toBe('above');
    expect(disparity({ numerator: 8, denominator: 20 }, { numerator: 20, denominator: 40 }, BAND)).toEqual({
      rate: 0.4,
      ratio: 0.8,
      warning: null,
    });
    expect(disparity({ numerator: 25, denominator: 40 }, { numerator: 20, denominator: 40 }, BAND)).toMatchObject({
      ratio: 1.25,
      warning: null,
    });
  });

  it('gives nothing computed from a hidden count, nor a ratio to a zero rate', () => {
    expect(disparity({ numerator: null, denominator: 20 }, { numerator: 20, denominator: 40 }, BAND)).toEqual({
      rate: null,
      ratio: null,
      warning: null,
    });
    expect(disparity({ numerator: 5, denominator: 20 }, { numerator: 20, denominator: null }, BAND)).toEqual({
      rate: 0.25,
      ratio: null,
      warning: null,
    });
    expect(disparity({ numerator: 0, denominator: 0 }, { numerator: 0, denominator: 10 }, BAND)).toEqual({
      rate: null,
      ratio: null,
      warning: null,
    });
    expect(disparity({ numerator: 0, denominator: 5 }, { numerator: 0, denominator: 10 }, BAND)).toEqual({
      rate: 0,
      ratio: null,
      warning: null,
    });
  });
});
