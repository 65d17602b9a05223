import type { CellDefinition } from '@jobbspar/disclosure';

/**
 * The equal-distribution tables candidate-service publishes to follow-up-service over HTTP
 * (`GET /statistics/equal-distribution?region=&month=`), version 1: the groups, the measures, and how every cell is
 * a sum of atoms `kind|municipality|gender|origin|...`. Both services build the same cells from this file, so
 * follow-up-service can audit them together with its own reports without ever seeing an atom's count.
 *   pl|m|g|o|SLC     placements started in the month, S/L/C = supervisor / language support / study counselling (0/1)
 *   in|m|g|o         certified internships started in the month
 *   cp|m|g|o|d|x     checkpoints (d = 30/90/180 days after a start) due in the month; x = work (in work or studies),
 *                    other, missing (not recorded)
 */
export const GENDER_GROUPS = ['woman', 'man', 'other-or-not-stated', 'not-recorded'] as const;
export const ORIGIN_GROUPS = ['born-in-sweden', 'arrived-within-5-years', 'arrived-earlier-or-unknown', 'not-recorded'] as const;
export type GenderGroup = (typeof GENDER_GROUPS)[number];
export type OriginGroup = (typeof ORIGIN_GROUPS)[number];

export const MEASURES = [
  'placements',
  'withSupervisor',
  'withLanguageSupport',
  'withStudyCounselling',
  'internships',
  'due90',
  'inWorkOrStudies90',
  'due180',
  'inWorkOrStudies180',
] as const;
export type Measure = (typeof MEASURES)[number];

const SUPPORTS = ['000', '001', '010', '011', '100', '101', '110', '111'];

export function measureAtoms(measure: Measure, m: string, g: string, o: string): string[] {
  const pl = (keep: (s: string) => boolean) => SUPPORTS.filter(keep).map((s) => `pl|${m}|${g}|${o}|${s}`);
  const cp = (days: number, outcomes: string[]) => outcomes.map((x) => `cp|${m}|${g}|${o}|${days}|${x}`);
  switch (measure) {
    case 'placements':
      return pl(() => true);
    case 'withSupervisor':
      return pl((s) => s[0] === '1');
    case 'withLanguageSupport':
      return pl((s) => s[1] === '1');
    case 'withStudyCounselling':
      return pl((s) => s[2] === '1');
    case 'internships':
      return [`in|${m}|${g}|${o}`];
    case 'due90':
      return cp(90, ['work', 'other', 'missing']);
    case 'inWorkOrStudies90':
      return cp(90, ['work']);
    case 'due180':
      return cp(180, ['work', 'other', 'missing']);
    case 'inWorkOrStudies180':
      return cp(180, ['work']);
  }
}

/** Which groups a cell covers: one gender group, one origin group, or everyone. */
export type Breakdown =
  { classification: 'gender'; group: GenderGroup } | { classification: 'origin'; group: OriginGroup } | { classification: 'all' };

export const BREAKDOWNS: Breakdown[] = [
  ...GENDER_GROUPS.map((group) => ({ classification: 'gender' as const, group })),
  ...ORIGIN_GROUPS.map((group) => ({ classification: 'origin' as const, group })),
  { classification: 'all' },
];

export function cellKey(area: string, b: Breakdown, measure: Measure): string {
  return `${area}|${b.classification === 'all' ? 'all' : `${b.classification}:${b.group}`}|${measure}`;
}

/**
 * Every cell of the month: per municipality and for the region, per gender group, per origin group and for everyone,
 * per measure. The two classifications share their atoms, so the audit sees that both add up to the same totals.
 */
export function equalDistributionCells(region: string, municipalities: readonly string[]): CellDefinition[] {
  const areas: [string, readonly string[]][] = [...municipalities.map((m): [string, string[]] => [m, [m]]), [region, municipalities]];
  const cells: CellDefinition[] = [];
  for (const [area, ms] of areas) {
    for (const b of BREAKDOWNS) {
      const genders = b.classification === 'gender' ? [b.group] : GENDER_GROUPS;
      const origins = b.classification === 'origin' ? [b.group] : ORIGIN_GROUPS;
      for (const measure of MEASURES) {
        cells.push({
          key: cellKey(area, b, measure),
          atoms: ms.flatMap((m) => genders.flatMap((g) => origins.flatMap((o) => measureAtoms(measure, m, g, o)))),
        });
      }
    }
  }
  return cells;
}

export interface EqualDistributionCellV1 {
  area: string;
  classification: 'gender' | 'origin' | 'all';
  group: string | null;
  measure: Measure;
  /** null: hidden by disclosure control. */
  value: number | null;
}

export interface EqualDistributionTablesV1 {
  region: string;
  month: string;
  computedAt: string;
  method: string;
  cells: EqualDistributionCellV1[];
}
