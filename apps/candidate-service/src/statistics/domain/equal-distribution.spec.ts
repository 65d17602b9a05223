import { IntervalBounds, protectCells } from '@jobbspar/disclosure';
import { equalDistributionAtoms, equalDistributionCells, groupOf, MonthFacts } from './equal-distribution';

describe(groupOf.name, () => {
  it('groups by gender and by born abroad with the years since arrival; no attributes means not recorded', () => {
    expect(groupOf({ gender: 'woman', bornAbroad: true, yearOfArrival: 2022 }, 2026)).toEqual({
      gender: 'woman',
      origin: 'arrived-within-5-years',
    });
    expect(groupOf({ gender: 'not-stated', bornAbroad: true, yearOfArrival: 2021 }, 2026)).toEqual({
      gender: 'other-or-not-stated',
      origin: 'arrived-earlier-or-unknown',
    });
    expect(groupOf({ gender: 'man', bornAbroad: false }, 2026)).toEqual({ gender: 'man', origin: 'born-in-sweden' });
    expect(groupOf(null, 2026)).toEqual({ gender: 'not-recorded', origin: 'not-recorded' });
  });
});

describe(equalDistributionCells.name, () => {
  const woman = { gender: 'woman', origin: 'arrived-within-5-years' } as const;
  const man = { gender: 'man', origin: 'born-in-sweden' } as const;
  const other = { gender: 'other-or-not-stated', origin: 'arrived-earlier-or-unknown' } as const;
  const facts: MonthFacts = {
    placements: [
      ...Array.from({ length: 7 }, (_, i) => ({
        municipality: '1283',
        group: woman,
        supervisor: true,
        languageSupport: i < 5,
        studyCounselling: false,
      })),
      ...Array.from({ length: 2 }, () => ({
        municipality: '1283',
        group: man,
        supervisor: true,
        languageSupport: false,
        studyCounselling: false,
      })),
      ...Array.from({ length: 6 }, () => ({
        municipality: '1283',
        group: other,
        supervisor: false,
        languageSupport: false,
        studyCounselling: true,
      })),
    ],
    internships: [],
    checkpoints: [],
  };

  it('counts each measure per group and for everyone, the two classifications adding up to the same total', async () => {
    const cells = equalDistributionCells('se-12', ['1283', '1282']);
    const { cells: out } = await protectCells({ atoms: equalDistributionAtoms(facts), cells });
    const v = new Map(out.map((c) => [c.key, c.value]));
    expect(v.get('1283|gender:man|withLanguageSupport')).toBe(0);
    expect(v.get('1283|gender:not-recorded|placements')).toBe(0);
    // Counts of five or more are shown unless hiding them is what protects a small one.
    expect(out.filter((c) => c.value !== null && c.value >= 5).length).toBeGreaterThanOrEqual(8);
    // Two men: hidden, and with them whatever would give them back (15 in all, 7 women, 6 others).
    expect(v.get('1283|gender:man|placements')).toBeNull();
    expect(v.get('1283|origin:born-in-sweden|placements')).toBeNull();
    // One more in the gender line, or the total: else the men are the total less the rest.
    expect([
      v.get('1283|gender:woman|placements'),
      v.get('1283|gender:other-or-not-stated|placements'),
      v.get('1283|all|placements'),
    ]).toContain(null);
    // Whatever is shown, the two men cannot be narrowed to fewer than five values.
    const shown = out.filter((c) => c.value !== null).map((c) => ({ atoms: cells.find((d) => d.key === c.key)!.atoms, value: c.value! }));
    const hidden = out.filter((c) => c.value === null).map((c) => cells.find((d) => d.key === c.key)!.atoms);
    const men = await new IntervalBounds(shown, hidden).of(cells.find((d) => d.key === '1283|gender:man|placements')!.atoms);
    expect(men.max - men.min).toBeGreaterThanOrEqual(5);
    expect(v.get('1282|all|placements')).toBe(0);
  });
});
