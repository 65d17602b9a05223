/**
 * The vocabulary of disclosure control. Everything one analyst can read is modelled as linear facts about
 * *atoms*: the counts of the finest cross-classification a set of reports is built from (e.g. placements of one
 * municipality, one month, one placement type, first or later placement). A published *cell* is a sum of atoms;
 * publishing it tells the reader one linear equation. What she can infer about a hidden cell is exactly what
 * these equations, together with "every atom is a whole number ≥ 0", allow.
 */

/** Counts 1 to 4 are never published: a count that small can point at a person. */
export const SMALLEST_SHOWN_COUNT = 5;

/** A cell a report would publish: its key, the atoms it sums, and its true value. */
export interface CellDefinition {
  readonly key: string;
  readonly atoms: readonly string[];
}

/** Something the reader already knows as a linear equation (another report, published elsewhere): atoms sum to value. */
export interface KnownFact {
  readonly atoms: readonly string[];
  readonly value: number;
}

/**
 * A cell published by someone else that the reader sees hidden: its true value is unknown here, and it must stay
 * protected as if it were a small cell (another service decided to hide it and did not say why).
 */
export interface ForeignHiddenCell {
  readonly key: string;
  readonly atoms: readonly string[];
}

export type CellStatus = 'shown' | 'small' | 'complementary';

export interface ProtectedCell {
  readonly key: string;
  /** The true value when shown; null when hidden. */
  readonly value: number | null;
  /** Internal: why a cell is hidden. Never published (it would tell the reader which hidden cells are 1-4). */
  readonly status: CellStatus;
}

/** The interval a reader can pin a hidden cell to; `max` is Infinity when nothing bounds it from above. */
export interface Interval {
  readonly min: number;
  readonly max: number;
}
