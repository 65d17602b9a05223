import { equalDistributionCells, type EqualDistributionCellV1, type EqualDistributionTablesV1 } from '@jobbspar/contracts';
import { IntervalBounds } from '@jobbspar/disclosure';
import { outcomeCells } from '../../outcomes/domain/outcome-report';
import { linkEquations, protectJointly } from './joint-protection';

const MUNICIPALITIES = ['1283', '1282'];

function candidateTables(values: Record<string, number | null>): EqualDistributionTablesV1 {
  const cells: EqualDistributionCellV1[] = equalDistributionCells('se-12', MUNICIPALITIES).map((c) => {
    const [area, breakdown, measure] = c.key.split('|');
    const [classification, group] = breakdown === 'all' ? ['all', null] : breakdown.split(':');
    return {
      area,
      classification: classification as 'all',
      group,
      measure: measure as 'placements',
      value: c.key in values ? values[c.key] : 0,
    };
  });
  return { region: 'se-12', month: '2026-02', computedAt: '2026-03-20T00:00:00Z', method: 'x', cells };
}

describe(protectJointly.name, () => {
  it('hides more of candidate-service cells where our published outcomes would give one of its hidden cells back', async () => {
    // Helsingborg: 9 placements, 7 women, 2 men. candidate-service hid the men and, as its complement, its own total;
    // we published 9 placements (as a count of placements by type, not knowing about gender).
    const candidate = candidateTables({
      '1283|gender:woman|placements': 7,
      '1283|gender:man|placements': null,
      '1283|all|placements': null,
      '1283|gender:not-recorded|placements': 0,
      '1283|origin:arrived-within-5-years|placements': null,
      '1283|origin:born-in-sweden|placements': null,
      'se-12|gender:woman|placements': 7,
      'se-12|gender:man|placements': null,
      'se-12|all|placements': null,
      'se-12|origin:arrived-within-5-years|placements': null,
      'se-12|origin:born-in-sweden|placements': null,
    });
    const outcomes = new Map<string, number | null>(outcomeCells('se-12', MUNICIPALITIES).map((c) => [c.key, 0]));
    outcomes
      .set('1283|placements.internship', 9)
      .set('1283|placements.total', 9)
      .set('se-12|placements.internship', 9)
      .set('se-12|placements.total', 9);
    outcomes.set('1283|funnel.placed', 9).set('se-12|funnel.placed', 9);

    const shown = await protectJointly({ region: 'se-12', municipalities: MUNICIPALITIES, outcomes, outcomeTruth: new Map(), candidate });

    // Alone, candidate-service's table kept the men: 7 shown women and a hidden total. With our 9 beside it the men are 9 - 7.
    expect(shown.get('1283|gender:woman|placements')).toBeNull();
    expect(shown.get('se-12|gender:woman|placements')).toBeNull();
    // The attacker with both reports and the equations between them cannot narrow the men below five values.
    const ours = outcomeCells('se-12', MUNICIPALITIES).filter((c) => outcomes.get(c.key) !== null);
    const theirs = equalDistributionCells('se-12', MUNICIPALITIES);
    const facts = [
      ...ours.map((c) => ({ atoms: c.atoms.map((a) => `o:${a}`), value: outcomes.get(c.key)! })),
      ...theirs.filter((c) => shown.get(c.key) !== null).map((c) => ({ atoms: c.atoms.map((a) => `c:${a}`), value: shown.get(c.key)! })),
      ...linkEquations(MUNICIPALITIES),
    ];
    const hidden = theirs.filter((c) => shown.get(c.key) === null).map((c) => c.atoms.map((a) => `c:${a}`));
    const men = await new IntervalBounds(facts, hidden).of(
      theirs.find((c) => c.key === '1283|gender:man|placements')!.atoms.map((a) => `c:${a}`),
    );
    expect(men.max - men.min).toBeGreaterThanOrEqual(5);
  });
});
