/** One page of a list, with the total across all pages so a client can page without guessing. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
