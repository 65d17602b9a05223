import { IntervalBounds } from './interval-bounds';
import {
  CannotProtectError,
  CellDefinition,
  ForeignHiddenCell,
  HiddenCells,
  KnownFact,
  ProtectedCell,
  SMALLEST_SHOWN_COUNT,
} from './model';

export interface ProtectionInput {
  /** True counts of the atoms; an atom not listed counts 0. */
  readonly atoms: ReadonlyMap<string, number>;
  /** Every cell the reports would publish, margins included, each as the atoms it sums. */
  readonly cells: readonly CellDefinition[];
  /** Linear facts the reader has from elsewhere (other reports already published). */
  readonly known?: readonly KnownFact[];
  /** Cells someone else publishes hidden: they must stay protected too (see ForeignHiddenCell). */
  readonly foreignHidden?: readonly ForeignHiddenCell[];
  /** Sums the reader sees hidden elsewhere and so knows to be at least 1, without their needing protection here. */
  readonly otherHidden?: HiddenCells;
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
 * 1. Primary: every cell counting 1 to threshold-1 is hidden. Zero is shown: it describes nobody. Neither step
 *    hides a zero, so the reader knows every hidden cell is at least 1; the audit knows it too.
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
  const valued = input.cells.map((c) => ({ ...c, value: c.value ?? c.atoms.reduce((sum, a) => sum + (input.atoms.get(a) ?? 0), 0) }));
  // A zero is always shown, so its atoms are known to be 0: leave them out everywhere (a sparse table shrinks a lot).
  const zero = new Set(valued.filter((c) => c.value === 0).flatMap((c) => c.atoms));
  const cells = valued.map((c) => {
    const atoms = [...new Set(c.atoms)].filter((a) => !zero.has(a));
    return { key: c.key, atoms, set: new Set(atoms), value: c.value };
  });
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
  // Cells hidden elsewhere still shape the table: they can be the common parent of a target and its complement.
  const structure: Cell[] = (input.foreignHidden ?? []).map((f) => {
    const atoms = [...new Set(f.atoms)].filter((a) => !zero.has(a));
    return { key: `foreign:${f.key}`, atoms, set: new Set(atoms), value: 0 };
  });
  const facts = (): KnownFact[] => [...(input.known ?? []), ...valued.filter((c) => !hidden.has(c.key))];
  const hiddenSums = (): string[][] => [
    ...cells.filter((c) => hidden.has(c.key)).map((c) => c.atoms),
    ...(input.foreignHidden ?? []).map((f) => [...f.atoms]),
    ...(input.otherHidden ?? []).map((atoms) => [...atoms]),
  ];

  for (const target of targets) {
    for (;;) {
      const interval = await new IntervalBounds(facts(), hiddenSums()).of(target.atoms);
      // Wide enough; or provably not small (a foreign cell hidden only to protect another): nothing to protect.
      if (interval.max - interval.min >= threshold || interval.min >= threshold) {
        intervals.set(target.key, interval);
        break;
      }
      const next = complement(target, cells, hidden, structure);
      if (!next) throw new CannotProtectError(`cell suppression: nothing left to hide around ${target.key} (${JSON.stringify(interval)})`);
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

/**
 * The next cell to hide so that `target` gets wider. For each cell containing it (its parents, the tightest first,
 * shown ones before hidden ones) the candidates are the shown non-zero cells inside that parent and disjoint from
 * the target (parents include cells hidden elsewhere): those covering most of the parent's rest first (a whole line of the table, not a cell of another
 * measure that happens to lie inside the same total), then the smallest that is large enough to widen the interval
 * to the threshold, else the largest. Failing that, a cell overlapping the target.
 */
function complement(
  target: { key: string; set: Set<string>; need: number },
  cells: readonly Cell[],
  hidden: ReadonlyMap<string, unknown>,
  structure: readonly Cell[],
): string | undefined {
  const shown = cells.filter((c) => !hidden.has(c.key) && c.key !== target.key && c.atoms.length > 0 && c.value > 0);
  const parents = [...cells, ...structure]
    .filter((c) => c.key !== target.key && c.atoms.length > target.set.size && contains(c.set, target.set))
    .sort(
      (a, b) =>
        Number(!cells.includes(a) || hidden.has(a.key)) - Number(!cells.includes(b) || hidden.has(b.key)) ||
        a.atoms.length - b.atoms.length,
    );
  for (const parent of parents) {
    const inside = shown.filter((c) => c.key !== parent.key && disjoint(c.set, target.set) && contains(parent.set, c.set));
    if (inside.length === 0) continue;
    const widest = Math.max(...inside.map((c) => c.atoms.length));
    const line = inside.filter((c) => c.atoms.length === widest);
    const byValue = (a: Cell, b: Cell): number => a.value - b.value || (a.key < b.key ? -1 : 1);
    const enough = line.filter((c) => c.value >= target.need).sort(byValue)[0];
    return (enough ?? line.sort(byValue)[line.length - 1]).key;
  }
  const overlapping = shown.filter((c) => !disjoint(c.set, target.set)).sort((a, b) => a.value - b.value || (a.key < b.key ? -1 : 1))[0];
  if (overlapping) return overlapping.key;
  // Tied to the target only through equations of another space (another service's counts): hide the widest margin
  // left, which takes part in the most equations. Crude, but it ends: in the worst case everything is hidden.
  return shown.sort((a, b) => b.atoms.length - a.atoms.length || (a.key < b.key ? -1 : 1))[0]?.key;
}
