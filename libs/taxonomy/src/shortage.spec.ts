import { DEFAULT_SHORTAGE_FLAGS, isShortage, isShortageIn, shortageOccupations, withShortageOverrides } from './shortage';
import { isKnownOccupation, listCounties, TAXONOMY_VERSION } from './taxonomy';
import type { ShortageOverride } from './types';

const countyCodes = listCounties().map((c) => c.code);

describe('default shortage flags', () => {
  it('carries the taxonomy version and covers every county', () => {
    expect(DEFAULT_SHORTAGE_FLAGS.version).toBe(TAXONOMY_VERSION);
    expect([...DEFAULT_SHORTAGE_FLAGS.byCounty.keys()].sort()).toEqual(countyCodes);
  });

  it('flags only known occupations', () => {
    const unknown = [...DEFAULT_SHORTAGE_FLAGS.byCounty.values()].flatMap((set) => [...set].filter((s) => !isKnownOccupation(s)));
    expect(unknown).toEqual([]);
  });

  it.each([
    ['5321', 'assistant nurses in elder care'],
    ['2343', 'preschool teachers'],
    ['2221', 'registered nurses'],
  ])('flags %s (%s) in every county', (ssyk) => {
    expect(countyCodes.filter((county) => !isShortage(county, ssyk))).toEqual([]);
  });

  it.each([
    ['5230', 'cashiers'],
    ['9111', 'cleaners'],
    ['5312', 'teaching assistants'],
  ])('flags %s (%s) in no county', (ssyk) => {
    expect(countyCodes.filter((county) => isShortage(county, ssyk))).toEqual([]);
  });

  it('varies between counties', () => {
    const distinct = new Set(countyCodes.map((county) => shortageOccupations(county).join(',')));
    expect(distinct.size).toBeGreaterThan(5);
    expect(isShortage('25', '5330')).toBe(true); // care assistants in Norrbotten
    expect(isShortage('01', '5330')).toBe(false); // but not in Stockholm
  });

  it('flags nothing for an unknown county or occupation', () => {
    expect(isShortage('11', '5321')).toBe(false);
    expect(isShortage('12', '0000')).toBe(false);
    expect(shortageOccupations('11')).toEqual([]);
  });
});

describe(withShortageOverrides.name, () => {
  const overrides: ShortageOverride[] = [
    { countyCode: '12', ssyk: '9412', shortage: true }, // kitchen assistants: not in shortage by default
    { countyCode: '12', ssyk: '5321', shortage: false }, // assistant nurses: in shortage by default
  ];

  it('flips flags in both directions', () => {
    const flags = withShortageOverrides(DEFAULT_SHORTAGE_FLAGS, overrides);
    expect(isShortageIn(DEFAULT_SHORTAGE_FLAGS, '12', '9412')).toBe(false);
    expect(isShortageIn(flags, '12', '9412')).toBe(true);
    expect(isShortageIn(DEFAULT_SHORTAGE_FLAGS, '12', '5321')).toBe(true);
    expect(isShortageIn(flags, '12', '5321')).toBe(false);
  });

  it('leaves the base flags and other counties as they were', () => {
    const before = shortageOccupations('12');
    const flags = withShortageOverrides(DEFAULT_SHORTAGE_FLAGS, overrides);
    expect(shortageOccupations('12')).toEqual(before);
    for (const county of countyCodes.filter((c) => c !== '12')) {
      expect([...flags.byCounty.get(county)!].sort()).toEqual(shortageOccupations(county));
    }
    expect(flags.version).toBe(DEFAULT_SHORTAGE_FLAGS.version);
  });

  it('lets a later override for the same county and occupation win', () => {
    const flags = withShortageOverrides(DEFAULT_SHORTAGE_FLAGS, [
      { countyCode: '14', ssyk: '9111', shortage: true },
      { countyCode: '14', ssyk: '9111', shortage: false },
    ]);
    expect(isShortageIn(flags, '14', '9111')).toBe(false);
    expect(
      isShortage('14', '9111', [
        { countyCode: '14', ssyk: '9111', shortage: false },
        { countyCode: '14', ssyk: '9111', shortage: true },
      ]),
    ).toBe(true);
  });

  it('applies on top of flags that already have overrides', () => {
    const once = withShortageOverrides(DEFAULT_SHORTAGE_FLAGS, overrides);
    const twice = withShortageOverrides(once, [{ countyCode: '12', ssyk: '9412', shortage: false }]);
    expect(isShortageIn(once, '12', '9412')).toBe(true);
    expect(isShortageIn(twice, '12', '9412')).toBe(false);
    expect(isShortageIn(twice, '12', '5321')).toBe(false);
  });
});

describe(isShortage.name, () => {
  it('answers from the overrides when given and from the defaults otherwise', () => {
    expect(isShortage('12', '9412')).toBe(false);
    expect(isShortage('12', '9412', [{ countyCode: '12', ssyk: '9412', shortage: true }])).toBe(true);
    expect(isShortage('13', '9412', [{ countyCode: '12', ssyk: '9412', shortage: true }])).toBe(false);
    expect(isShortage('12', '5321', [{ countyCode: '12', ssyk: '5321', shortage: false }])).toBe(false);
  });
});

describe(shortageOccupations.name, () => {
  it("lists the county's shortage occupations in code order, with overrides applied", () => {
    const skane = shortageOccupations('12');
    expect(skane).toEqual([...skane].sort());
    expect(skane).toContain('5321');
    const overridden = shortageOccupations('12', [
      { countyCode: '12', ssyk: '5321', shortage: false },
      { countyCode: '12', ssyk: '9412', shortage: true },
    ]);
    expect(overridden).not.toContain('5321');
    expect(overridden).toContain('9412');
    expect(overridden).toEqual([...overridden].sort());
  });
});
