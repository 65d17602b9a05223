import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ReleaseRepository } from '../domain/release.repository';

/** Released months in `follow_up.releases`. */
@Injectable()
export class PostgresReleaseRepository extends ReleaseRepository {
  override async find<T>(db: Pick<DataSource, 'query'>, region: string, month: string, report: string): Promise<T | null> {
    const [row]: { content: T }[] = await db.query(
      `SELECT content FROM follow_up.releases WHERE region = $1 AND month = $2 AND report = $3`,
      [region, month, report],
    );
    return row?.content ?? null;
  }

  override async freeze<T>(db: Pick<DataSource, 'query'>, region: string, month: string, report: string, content: T, at: Date): Promise<T> {
    await db.query(
      `INSERT INTO follow_up.releases (region, month, report, released_at, content) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (region, month, report) DO NOTHING`,
      [region, month, report, at, JSON.stringify(content)],
    );
    return (await this.find<T>(db, region, month, report)) as T;
  }
}
