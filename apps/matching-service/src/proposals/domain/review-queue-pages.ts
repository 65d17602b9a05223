/**
 * The review queue's pages kept in memory (infrastructure/review-queue-cache.ts says when a page is dropped, and
 * keeps one per caller): what the queue's handler and the live stream ask of them.
 */
export abstract class ReviewQueuePages {
  /** The page `filter` names for the current caller: kept, or read by `load` and kept. */
  abstract page<T>(filter: object, load: () => Promise<T>): Promise<T>;
  /** Drops every page. */
  abstract invalidate(): void;
}
