import { equalDistributionCells, GENDER_GROUPS, ORIGIN_GROUPS, type EqualDistributionTablesV1 } from '@jobbspar/contracts';
import { protectCells, SMALLEST_SHOWN_COUNT, type KnownFact } from '@jobbspar/disclosure';
import { CHECKPOINTS, outcomeCells, PLACEMENT_TYPES } from '../../outcomes/domain/outcome-report';

const SUPPORTS = ['000', '001', '010', '011', '100', '101', '110', '111'];
const own = (atom: string): string => `o:${atom}`;
const theirs = (atom: string): string => `c:${atom}`;

/**
 * The equations that tie candidate-service's tables to ours: in each municipality and month, the placements they
 * count by group are the placements we count by type, and their checkpoints by group are ours by timeliness. A
 * reader of both reports knows these equations, so the audit must too.
 */
export function linkEquations(municipalities: readonly string[]): KnownFact[] {
  const groups = GENDER_GROUPS.flatMap((g) => ORIGIN_GROUPS.map((o) => `${g}|${o}`));
  const facts: KnownFact[] = [];
  for (const m of municipalities) {
    facts.push({
      atoms: PLACEMENT_TYPES.flatMap((t) => ['first', 'later'].map((w) => own(`pl|${m}|${t}|${w}`))),
      minus: groups.flatMap((g) => SUPPORTS.map((s) => theirs(`pl|${m}|${g}|${s}`))),
      value: 0,
    });
    for (const days of CHECKPOINTS) {
      for (const outcome of ['work', 'other', 'missing']) {
        facts.push({
          atoms: ['on-time', 'late'].map((t) => own(`cp|${m}|${days}|${outcome}|${t}`)),
          minus: groups.map((g) => theirs(`cp|${m}|${g}|${days}|${outcome}`)),
          value: 0,
        });
      }
    }
  }
  return facts;
}

export interface JointInput {
  readonly region: string;
  readonly municipalities: readonly string[];
  /** What we published for the month (frozen), by outcome cell key; null hidden. */
  readonly outcomes: ReadonlyMap<string, number | null>;
  /** Our true counts of the month's cells, to know which of our hidden cells are small. */
  readonly outcomeTruth: ReadonlyMap<string, number>;
  readonly candidate: EqualDistributionTablesV1;
}

export type CandidateCellKey = string;

/**
 * The one place the union of what an analyst reads is protected: our frozen outcome cells, candidate-service's
 * protected cells and the equations between them, audited together. Every cell candidate-service hid stays
 * protected (we do not know which were small, so all are treated as if they were), and so does every small cell of
 * ours; where the two reports together would narrow one, more of candidate-service's shown cells are hidden. We only
 * ever hide more, never show what candidate-service hid.
 */
export async function protectJointly(input: JointInput): Promise<Map<CandidateCellKey, number | null>> {
  const ownCells = outcomeCells(input.region, input.municipalities);
  const theirCells = equalDistributionCells(input.region, input.municipalities);
  const keyOf = (c: { area: string; classification: string; group: string | null; measure: string }): string =>
    `${c.area}|${c.classification === 'all' ? 'all' : `${c.classification}:${c.group}`}|${c.measure}`;
  const published = new Map(input.candidate.cells.map((c) => [keyOf(c), c.value]));
  const atomsOf = new Map(theirCells.map((c) => [c.key, c.atoms.map(theirs)]));

  const ownShown: KnownFact[] = [];
  const ownHidden: string[][] = [];
  const ownSmall: { key: string; atoms: string[] }[] = [];
  for (const c of ownCells) {
    const value = input.outcomes.get(c.key);
    const atoms = c.atoms.map(own);
    if (value === undefined) continue;
    if (value !== null) ownShown.push({ atoms, value });
    else {
      ownHidden.push(atoms);
      const truth = input.outcomeTruth.get(c.key) ?? 0;
      if (truth > 0 && truth < SMALLEST_SHOWN_COUNT) ownSmall.push({ key: `own:${c.key}`, atoms });
    }
  }
  const result = await protectCells({
    atoms: new Map(),
    cells: theirCells
      .filter((c) => published.get(c.key) !== null && published.get(c.key) !== undefined)
      .map((c) => ({ key: c.key, atoms: atomsOf.get(c.key)!, value: published.get(c.key)! })),
    known: [...ownShown, ...linkEquations(input.municipalities)],
    foreignHidden: [
      ...theirCells.filter((c) => published.get(c.key) === null).map((c) => ({ key: c.key, atoms: atomsOf.get(c.key)! })),
      ...ownSmall,
    ],
    otherHidden: ownHidden,
  });
  const out = new Map<CandidateCellKey, number | null>();
  for (const c of theirCells) out.set(c.key, null);
  for (const c of result.cells) out.set(c.key, c.value);
  return out;
}
