import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../../../../common/page';
import { requireCounty, requireMunicipality, requireOccupation } from '../../../../taxonomy/domain/taxonomy-lookups';
import { needScope } from '../../../../access/employer-policy';
import { SCHEMA } from '../../../../config/env';
import { NEED_COLUMNS, NEED_FROM, NeedRow, needView, NeedView } from '../need.view';
import { ListNeedsQuery } from './list-needs.query';

/** Newest first. Unknown taxonomy codes in filters are answered like unknown codes anywhere else: 422. */
@QueryHandler(ListNeedsQuery)
export class ListNeedsHandler implements IQueryHandler<ListNeedsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ filter }: ListNeedsQuery): Promise<Page<NeedView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.municipality !== undefined)
      add((p) => `n.workplace_municipality = ${p}`, requireMunicipality(filter.municipality, 'municipality').code);
    if (filter.county !== undefined) add((p) => `n.county_code = ${p}`, requireCounty(filter.county, 'county').code);
    if (filter.occupation !== undefined) add((p) => `${p} = ANY(v.occupations)`, requireOccupation(filter.occupation, 'occupation').ssyk);
    if (filter.shortageOnly) where.push('n.shortage');
    if (filter.status !== undefined) add((p) => `n.status = ${p}`, filter.status);
    if (filter.placementType !== undefined) add((p) => `n.placement_type = ${p}`, filter.placementType);
    if (filter.employerId !== undefined) add((p) => `n.employer_id = ${p}`, filter.employerId);
    if (filter.roleId !== undefined) add((p) => `n.role_id = ${p}`, filter.roleId);
    if (filter.text !== undefined) {
      // A substring, not a pattern: the caller's % and _ match themselves.
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add(
        (p) => `(v.name ILIKE ${p} OR EXISTS (SELECT 1 FROM "${SCHEMA}".employers e WHERE e.id = n.employer_id AND e.name ILIKE ${p}))`,
        like,
      );
    }
    if (filter.visibleTo) where.push(needScope(filter.visibleTo, SCHEMA, params));
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The page and its total in one statement (issue 14: a read path answers from one query); only a page past the
    // end, which has no row to carry the total, counts on its own.
    const rows: (NeedRow & { total_rows: number })[] = await this.dataSource.query(
      `SELECT ${NEED_COLUMNS}, count(*) OVER ()::int AS total_rows ${NEED_FROM} ${condition}
        ORDER BY n.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    const total: number =
      rows.length > 0
        ? rows[0].total_rows
        : filter.offset === 0
          ? 0
          : (await this.dataSource.query(`SELECT count(*)::int AS total ${NEED_FROM} ${condition}`, params))[0].total;
    return { items: rows.map(needView), total, limit: filter.limit, offset: filter.offset };
  }
}
