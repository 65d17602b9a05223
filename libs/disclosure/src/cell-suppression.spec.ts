import fc from 'fast-check';
import { protectCells } from './cell-suppression';
import { IntervalBounds } from './interval-bounds';
import type { CellDefinition } from './model';

/** A municipalities × categories table with every margin: row totals, column totals (the region) and the grand total. */
function table(counts: number[][]): { atoms: Map<string, number>; cells: CellDefinition[] } {
  const atoms = new Map<string, number>();
  const cells: CellDefinition[] = [];
  const rows = counts.length;
  const cols = counts[0].length;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) atoms.set(`a${r}.${c}`, counts[r][c]);
  const atom = (r: number, c: number): string => `a${r}.${c}`;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) cells.push({ key: `m${r}/k${c}`, atoms: [atom(r, c)] });
    cells.push({ key: `m${r}/total`, atoms: Array.from({ length: cols }, (_, c) => atom(r, c)) });
  }
  for (let c = 0; c < cols; c++) cells.push({ key: `region/k${c}`, atoms: Array.from({ length: rows }, (_, r) => atom(r, c)) });
  cells.push({ key: 'region/total', atoms: [...atoms.keys()] });
  return { atoms, cells };
}

/**
 * An attacker who knows arithmetic and that a hidden cell is never zero: every whole-number table consistent with
 * what is shown, enumerated outright (no solver shared with the code under test). Returns, for each hidden cell,
 * the smallest and largest value it takes in those tables; `cap` bounds atoms that nothing shown bounds.
 */
function bruteForce(counts: number[][], shown: Map<string, number | null>, cap: number): Map<string, { min: number; max: number }> {
  const rows = counts.length;
  const cols = counts[0].length;
  const value = (t: number[][], key: string): number => {
    const [m, k] = key.split('/');
    const rowsOf = m === 'region' ? [...Array(rows).keys()] : [Number(m.slice(1))];
    const colsOf = k === 'total' ? [...Array(cols).keys()] : [Number(k.slice(1))];
    return rowsOf.reduce((s, r) => s + colsOf.reduce((u, c) => u + t[r][c], 0), 0);
  };
  const ranges = new Map<string, { min: number; max: number }>();
  const grid = counts.map((row) => row.map(() => 0));
  const cellsShown = [...shown].filter(([, v]) => v !== null) as Array<[string, number]>;
  const cellsHidden = [...shown].filter(([, v]) => v === null).map(([k]) => k);
  // No atom exceeds a shown cell that contains it; that bound only prunes tables that could never match.
  const containing = (r: number, c: number): string[] => [`m${r}/k${c}`, `m${r}/total`, `region/k${c}`, 'region/total'];
  const upper = counts.map((row, r) => row.map((_, c) => Math.min(cap, ...containing(r, c).map((k) => shown.get(k) ?? Infinity))));
  const visit = (i: number): void => {
    if (i === rows * cols) {
      if (!cellsShown.every(([k, v]) => value(grid, k) === v)) return;
      // The attacker knows the rule too: a hidden cell is never 0.
      if (cellsHidden.some((k) => value(grid, k) === 0)) return;
      for (const [k, v] of shown) {
        if (v !== null) continue;
        const x = value(grid, k);
        const range = ranges.get(k) ?? { min: Infinity, max: -Infinity };
        ranges.set(k, { min: Math.min(range.min, x), max: Math.max(range.max, x) });
      }
      return;
    }
    const r = Math.floor(i / cols);
    const c = i % cols;
    // A shown row or column total leaves the last cell of its row or column no choice.
    const rowTotal = c === cols - 1 ? shown.get(`m${r}/total`) : null;
    const colTotal = r === rows - 1 ? shown.get(`region/k${c}`) : null;
    const forced =
      rowTotal != null
        ? rowTotal - grid[r].slice(0, c).reduce((a, b) => a + b, 0)
        : colTotal != null
          ? colTotal - grid.slice(0, r).reduce((a, row) => a + row[c], 0)
          : null;
    for (let x = forced ?? 0; x <= (forced ?? upper[r][c]); x++) {
      if (x < 0 || x > upper[r][c]) break;
      grid[r][c] = x;
      visit(i + 1);
    }
  };
  visit(0);
  return ranges;
}

describe(protectCells.name, () => {
  it('hides counts 1-4 and shows zeros and counts of five or more', async () => {
    const { atoms, cells } = table([
      [0, 12, 7],
      [9, 8, 20],
    ]);
    const { cells: out } = await protectCells({ atoms, cells });
    expect(out.every((c) => c.value !== null)).toBe(true);
    expect(out.find((c) => c.key === 'm0/k0')?.value).toBe(0);
  });

  it('also hides what would give a small cell back as a margin minus the rest of its row or column', async () => {
    const { atoms, cells } = table([
      [3, 12, 7],
      [9, 8, 20],
      [6, 11, 5],
    ]);
    const { cells: out } = await protectCells({ atoms, cells });
    const shown = new Map(out.map((c) => [c.key, c.value]));
    expect(shown.get('m0/k0')).toBeNull();
    // Row 0 and column 0 each need another hidden cell, or the 3 would be their total minus the rest.
    const row0 = ['m0/k1', 'm0/k2', 'm0/total'].filter((k) => shown.get(k) === null);
    const col0 = ['m1/k0', 'm2/k0', 'region/k0'].filter((k) => shown.get(k) === null);
    expect(row0.length).toBeGreaterThan(0);
    expect(col0.length).toBeGreaterThan(0);
  });

  it('protects a small municipality against the region total minus the other municipalities', async () => {
    // One column only: the region total and its municipalities.
    const atoms = new Map([
      ['bjuv', 2],
      ['hbg', 40],
      ['lsk', 17],
    ]);
    const cells = [
      { key: 'bjuv', atoms: ['bjuv'] },
      { key: 'hbg', atoms: ['hbg'] },
      { key: 'lsk', atoms: ['lsk'] },
      { key: 'region', atoms: ['bjuv', 'hbg', 'lsk'] },
    ];
    const { cells: out, intervals } = await protectCells({ atoms, cells });
    const hidden = out.filter((c) => c.value === null).map((c) => c.key);
    expect(hidden).toContain('bjuv');
    expect(hidden).toHaveLength(2);
    // The smallest sufficient complement: Landskrona (17), not Helsingborg.
    expect(hidden).toContain('lsk');
    expect(intervals.get('bjuv')!.max - intervals.get('bjuv')!.min).toBeGreaterThanOrEqual(5);
  });

  it('protects across two reports built from the same atoms (one by gender, one by born abroad)', async () => {
    // Atoms: gender × origin. Report A publishes by gender, report B by origin; both publish the total.
    const atoms = new Map([
      ['woman.abroad', 9],
      ['woman.sweden', 2],
      ['man.abroad', 6],
      ['man.sweden', 7],
    ]);
    const cells = [
      { key: 'A/woman', atoms: ['woman.abroad', 'woman.sweden'] },
      { key: 'A/man', atoms: ['man.abroad', 'man.sweden'] },
      { key: 'A/total', atoms: [...atoms.keys()] },
      { key: 'B/abroad', atoms: ['woman.abroad', 'man.abroad'] },
      { key: 'B/sweden', atoms: ['woman.sweden', 'man.sweden'] },
      { key: 'B/total', atoms: [...atoms.keys()] },
      // Report C: women by origin.
      { key: 'C/woman.abroad', atoms: ['woman.abroad'] },
      { key: 'C/woman.sweden', atoms: ['woman.sweden'] },
    ];
    const { cells: out } = await protectCells({ atoms, cells });
    const shown = out.filter((c) => c.value !== null);
    const bounds = new IntervalBounds(shown.map((c) => ({ atoms: cells.find((d) => d.key === c.key)!.atoms, value: c.value! })));
    const interval = await bounds.of(['woman.sweden']);
    expect(interval.max - interval.min).toBeGreaterThanOrEqual(5);
  });

  it('keeps a cell hidden elsewhere protected: what is shown here does not narrow it', async () => {
    // Another report hides women in Bjuv; here we publish Bjuv's total and men in Bjuv.
    const atoms = new Map([
      ['bjuv.woman', 3],
      ['bjuv.man', 8],
    ]);
    const cells = [
      { key: 'bjuv.total', atoms: ['bjuv.woman', 'bjuv.man'] },
      { key: 'bjuv.man', atoms: ['bjuv.man'] },
    ];
    const { cells: out } = await protectCells({ atoms, cells, foreignHidden: [{ key: 'other/bjuv.woman', atoms: ['bjuv.woman'] }] });
    expect(out.filter((c) => c.value === null).length).toBeGreaterThan(0);
  });

  it('no hidden cell can be pinned to fewer than five values by any whole-number table consistent with what is shown', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 3 })
          .chain((rows) =>
            fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 2 }), { minLength: rows, maxLength: rows }),
          ),
        async (counts) => {
          const { atoms, cells } = table(counts);
          const { cells: out } = await protectCells({ atoms, cells });
          const shown = new Map(out.map((c) => [c.key, c.value]));
          const cap = Math.max(...counts.flat()) + 6;
          const ranges = bruteForce(counts, shown, cap);
          for (const c of out) {
            const truth = cells.find((d) => d.key === c.key)!.atoms.reduce((s, a) => s + atoms.get(a)!, 0);
            if (c.value !== null) {
              expect(c.value).toBe(truth);
              continue;
            }
            const range = ranges.get(c.key)!;
            expect(range.min).toBeLessThanOrEqual(truth);
            expect(range.max).toBeGreaterThanOrEqual(truth);
            if (truth > 0 && truth < 5) expect(range.max - range.min).toBeGreaterThanOrEqual(5);
          }
        },
      ),
      { numRuns: 30, seed: 20260511 },
    );
  });

  it('shows the old one-breakdown suppression is not enough: the same numbers leak under its rule', async () => {
    // The rule it replaces hid small cells plus the next smallest cell of one breakdown, per municipality. With the
    // region total published too, region minus the municipalities gives Bjuv back.
    const shownByOldRule = [
      { atoms: ['bjuv'], value: null },
      { atoms: ['hbg'], value: 40 },
      { atoms: ['lsk'], value: 17 },
      { atoms: ['bjuv', 'hbg', 'lsk'], value: 59 },
    ];
    const bounds = new IntervalBounds(shownByOldRule.filter((c) => c.value !== null) as { atoms: string[]; value: number }[]);
    expect(await bounds.of(['bjuv'])).toEqual({ min: 2, max: 2 });
  });
});
