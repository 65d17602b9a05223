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
  /** The cell's value when it is not the sum of known atom counts (a cell published by someone else). */
  readonly value?: number;
}

/** Something the reader already knows as a linear equation (another report, published elsewhere): atoms sum to value. */
export interface KnownFact {
  readonly atoms: readonly string[];
  /** Atoms counted negatively: `atoms - minus = value`, e.g. two services' counts of the same people (value 0). */
  readonly minus?: readonly string[];
  readonly value: number;
}

/**
 * What the reader knows of cells she sees hidden: they are at least 1, because a zero is always shown and neither
 * suppression step ever hides one.
 */
export type HiddenCells = readonly (readonly string[])[];

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

/** The published facts contradict each other (two sources counted differently): nothing can be audited. */
export class InconsistentFactsError extends Error {}

/** A cell cannot be protected by hiding more of what may be hidden (what pins it is published elsewhere). */
export class CannotProtectError extends Error {}

/** The interval a reader can pin a hidden cell to; `max` is Infinity when nothing bounds it from above. */
export interface Interval {
  readonly min: number;
  readonly max: number;
}
