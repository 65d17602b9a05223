import type { DataSource } from 'typeorm';

/**
 * The ledger of released months: what was published for a region, month and report, frozen at its first reading.
 * A published month never changes afterwards, so reading it again later, or next to a later month, tells nothing
 * the first reading did not. Stored content is what was published (hidden cells are absent), never true values.
 */
export abstract class ReleaseRepository {
  abstract find<T>(db: Pick<DataSource, 'query'>, region: string, month: string, report: string): Promise<T | null>;
  /** Stores a release unless one is there already (a concurrent first reading): the one stored is the one returned. */
  abstract freeze<T>(db: Pick<DataSource, 'query'>, region: string, month: string, report: string, content: T, at: Date): Promise<T>;
}
