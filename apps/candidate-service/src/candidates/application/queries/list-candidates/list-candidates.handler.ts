import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toRecord } from '../../../infrastructure/postgres-candidate.repository';
import { CandidatePage, ListCandidatesQuery } from './list-candidates.query';

/** Profiles only: no contact details, no identity number, no follow-up attributes. */
@QueryHandler(ListCandidatesQuery)
export class ListCandidatesHandler implements IQueryHandler<ListCandidatesQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ page, pageSize, homeMunicipality, area }: ListCandidatesQuery): Promise<CandidatePage> {
    const conditions: string[] = [];
    const filterParams: unknown[] = [];
    if (homeMunicipality) conditions.push(`c.home_municipality = $${filterParams.push(homeMunicipality)}`);
    if (area) conditions.push(`c.home_municipality = ANY($${filterParams.push([...area])})`);
    const where = (offset: number): string =>
      conditions.length
        ? `WHERE ${conditions.map((c) => c.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)).join(' AND ')}`
        : '';
    const filter = where(2);
    const params: unknown[] = [pageSize, (page - 1) * pageSize, ...filterParams];
    const rows = await this.dataSource.query(
      `SELECT c.candidate_id, c.tenant, c.revision, c.home_municipality, to_char(c.available_from, 'YYYY-MM-DD') AS available_from,
              c.max_commute_minutes, c.interests, c.close_supervision, c.language_support, c.languages,
              to_char(c.waiting_since, 'YYYY-MM-DD') AS waiting_since, c.registered_at,
              coalesce(m.given, false) AS matching_consent, count(*) OVER ()::int AS total
         FROM candidate.candidates c
         LEFT JOIN candidate.consents m ON m.candidate_id = c.candidate_id AND m.purpose = 'matching'
         ${filter}
        ORDER BY c.registered_at, c.candidate_id LIMIT $1 OFFSET $2`,
      params,
    );
    let total: number = rows[0]?.total ?? 0;
    if (rows.length === 0 && page > 1) {
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM candidate.candidates c ${where(0)}`, filterParams);
      total = n;
    }
    return {
      items: rows.map((row: Parameters<typeof toRecord>[0] & { matching_consent: boolean }) => {
        const { tenant, ...record } = toRecord(row);
        return { ...record, region: tenant, matchingConsent: row.matching_consent };
      }),
      page,
      pageSize,
      total,
    };
  }
}
