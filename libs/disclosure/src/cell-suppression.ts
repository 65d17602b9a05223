import { IntervalBounds } from './interval-bounds';
import { CellDefinition, ForeignHiddenCell, KnownFact, ProtectedCell, SMALLEST_SHOWN_COUNT } from './model';

export interface ProtectionInput {
  /** True counts of the atoms; an atom not listed counts 0. */
  readonly atoms: ReadonlyMap<string, number>;
  /** Every cell the reports would publish, margins included, each as the atoms it sums. */
  readonly cells: readonly CellDefinition[];
  /** Linear facts the reader has from elsewhere (other reports already published). */
  readonly known?: readonly KnownFact[];
  /** Cells someone else publishes hidden: they must stay protected too (see ForeignHiddenCell). */
  readonly foreignHidden?: readonly ForeignHiddenCell[];
  readonly threshold?: number;
}

export interface ProtectionResult {
  readonly cells: ProtectedCell[];
  /** For each protected cell, the interval the reader can narrow it to from what is shown (for tests and audits). */
  readonly intervals: ReadonlyMap<string, { min: number; max: number }>;
}

/**
 * Primary and secondary cell suppression, audited exactly.
 *
 * 1. Primary: every cell counting 1 to threshold-1 is hidden. Zero is shown: it describes nobody.
 * 2. Secondary: for each hidden small cell (and each foreign hidden cell), the reader's interval is computed by
 *    integer programming over *every* equation she holds — all shown cells of all the reports given here and the
 *    known facts. While the interval is narrower than the threshold (she could tell 3 from 8), one more shown cell is
 *    hidden: the smallest sibling that could widen it enough (a cell disjoint from it under a common parent), else
 *    any sibling, else a cell overlapping it. Hiding only ever widens intervals, so a cell once protected stays so.
 *
 * Because the audit is over all the equations together, differences of margins, of two reports built from the same
 * atoms, or of a region total and its municipalities cannot recover a hidden cell: those are all such equations.
 */
export async function protectCells(input: ProtectionInput): Promise<ProtectionResult> {
  const threshold = input.threshold ?? SMALLEST_SHOWN_COUNT;
  const cells = input.cells.map((c) => ({
    key: c.key,
    atoms: [...new Set(c.atoms)],
    set: new Set(c.atoms),
    value: c.atoms.reduce((sum, a) => sum + (input.atoms.get(a) ?? 0), 0),
  }));
  const keys = new Set<string>();
  for (const c of cells) {
    if (keys.has(c.key)) throw new Error(`cell ${c.key} defined twice`);
    keys.add(c.key);
  }
  const hidden = new Map<string, 'small' | 'complementary'>();
  for (const c of cells) if (c.value > 0 && c.value < threshold) hidden.set(c.key, 'small');

  type Target = { key: string; atoms: string[]; set: Set<string>; need: number };
  const targets: Target[] = [
    ...cells.filter((c) => hidden.get(c.key) === 'small').map((c) => ({ ...c, need: threshold - c.value })),
    ...(input.foreignHidden ?? []).map((f) => ({ key: f.key, atoms: [...f.atoms], set: new Set(f.atoms), need: threshold })),
  ];
  const intervals = new Map<string, { min: number; max: number }>();
  const facts = (): KnownFact[] => [...(input.known ?? []), ...cells.filter((c) => !hidden.has(c.key))];

  for (const target of targets) {
    for (;;) {
      const interval = await new IntervalBounds(facts()).of(target.atoms);
      if (interval.max - interval.min >= threshold) {
        intervals.set(target.key, interval);
        break;
      }
      const next = complement(target, cells, hidden);
      if (!next) throw new Error(`cell suppression: nothing left to hide around ${target.key}`);
      hidden.set(next, 'complementary');
    }
  }
  return {
    cells: cells.map((c) => ({ key: c.key, value: hidden.has(c.key) ? null : c.value, status: hidden.get(c.key) ?? 'shown' })),
    intervals,
  };
}

type Cell = { key: string; atoms: string[]; set: Set<string>; value: number };

const disjoint = (a: Set<string>, b: Set<string>): boolean => [...a].every((x) => !b.has(x));
const contains = (outer: Set<string>, inner: Set<string>): boolean => [...inner].every((x) => outer.has(x));

/** The next cell to hide so that `target` gets wider: see protectCells. */
function complement(
  target: { key: string; set: Set<string>; need: number },
  cells: readonly Cell[],
  hidden: ReadonlyMap<string, unknown>,
): string | undefined {
  const parents = cells.filter((c) => c.key !== target.key && contains(c.set, target.set));
  const shown = cells.filter((c) => !hidden.has(c.key) && c.key !== target.key && c.atoms.length > 0);
  const siblings = shown.filter((c) => disjoint(c.set, target.set) && parents.some((p) => contains(p.set, c.set)));
  const bySize = (a: Cell, b: Cell): number => a.value - b.value || a.atoms.length - b.atoms.length || (a.key < b.key ? -1 : 1);
  const enough = siblings.filter((c) => c.value >= target.need).sort(bySize)[0];
  if (enough) return enough.key;
  const anySibling = siblings.sort((a, b) => b.value - a.value || bySize(a, b))[0];
  if (anySibling) return anySibling.key;
  const overlapping = shown.filter((c) => !disjoint(c.set, target.set)).sort(bySize)[0];
  return overlapping?.key;
}
