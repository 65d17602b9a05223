import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * The ledger of released months: what was published for a region, month and report, frozen at its first reading.
 * A published month never changes afterwards, so reading it again later, or next to a later month, tells nothing
 * the first reading did not. Stored content is what was published (hidden cells are absent), never true values.
 */
@Injectable()
export class ReleaseRepository {
  async find<T>(db: Pick<DataSource, 'query'>, region: string, month: string, report: string): Promise<T | null> {
    const [row]: { content: T }[] = await db.query(
      `SELECT content FROM follow_up.releases WHERE region = $1 AND month = $2 AND report = $3`,
      [region, month, report],
    );
    return row?.content ?? null;
  }

  /** Stores a release unless one is there already (a concurrent first reading): the one stored is the one returned. */
  async freeze<T>(db: Pick<DataSource, 'query'>, region: string, month: string, report: string, content: T, at: Date): Promise<T> {
    await db.query(
      `INSERT INTO follow_up.releases (region, month, report, released_at, content) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (region, month, report) DO NOTHING`,
      [region, month, report, at, JSON.stringify(content)],
    );
    return (await this.find<T>(db, region, month, report)) as T;
  }
}
