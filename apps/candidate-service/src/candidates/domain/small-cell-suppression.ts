/** Cells counting 1 to 4 people are hidden: a count that small can identify someone in a municipality. */
export const SMALLEST_SHOWN_COUNT = 5;

/**
 * Suppresses small cells of one breakdown whose total is published. If only one cell were hidden it could be
 * recomputed as total minus the others, so the smallest remaining non-zero cell is hidden with it.
 */
export function suppressSmallCells<K extends string>(counts: Readonly<Record<K, number>>): Record<K, number | null> {
  const keys = Object.keys(counts) as K[];
  const result = { ...counts } as Record<K, number | null>;
  const hidden = keys.filter((k) => counts[k] > 0 && counts[k] < SMALLEST_SHOWN_COUNT);
  for (const k of hidden) result[k] = null;
  if (hidden.length === 1) {
    const next = keys.filter((k) => result[k] !== null && counts[k] > 0).sort((a, b) => counts[a] - counts[b])[0];
    if (next !== undefined) result[next] = null;
  }
  return result;
}
