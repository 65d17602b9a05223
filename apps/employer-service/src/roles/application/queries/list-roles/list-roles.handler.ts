import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../../../config/env';
import type { Page } from '../../../../common/page';
import { requireOccupation } from '../../../../taxonomy/domain/taxonomy-lookups';
import type { TaskRequirement } from '../../../domain/role-composition';
import { roleTaskViews, RoleView } from '../role.view';
import { ListRolesQuery } from './list-roles.query';

interface Row {
  id: string;
  kind: RoleView['kind'];
  employer_id: string | null;
  ssyk: string | null;
  latest_version: number;
  created_at: Date;
  updated_at: Date;
  name: string;
  occupations: string[];
  tasks: TaskRequirement[];
  taxonomy_version: string;
}

@QueryHandler(ListRolesQuery)
export class ListRolesHandler implements IQueryHandler<ListRolesQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ filter }: ListRolesQuery): Promise<Page<RoleView>> {
    if (filter.ssyk !== undefined) requireOccupation(filter.ssyk, 'occupation');
    const from = `FROM "${SCHEMA}".roles r JOIN "${SCHEMA}".role_versions v ON v.role_id = r.id AND v.version = r.latest_version
      WHERE ($1::text IS NULL OR r.kind = $1) AND ($2::uuid IS NULL OR r.employer_id = $2) AND ($3::text IS NULL OR $3 = ANY(v.occupations))`;
    const params = [filter.kind ?? null, filter.employerId ?? null, filter.ssyk ?? null];
    // The page and its total in one statement (issue 14); only a page past the end counts on its own.
    const rows: (Row & { total_rows: number })[] = await this.dataSource.query(
      `SELECT r.id, r.kind, r.employer_id, r.ssyk, r.latest_version, r.created_at, r.updated_at,
              v.name, v.occupations, v.tasks, v.taxonomy_version, count(*) OVER ()::int AS total_rows
       ${from} ORDER BY r.created_at DESC, r.id LIMIT $4 OFFSET $5`,
      [...params, filter.limit, filter.offset],
    );
    const total: number =
      rows.length > 0
        ? rows[0].total_rows
        : filter.offset === 0
          ? 0
          : (await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params))[0].total;
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        employerId: r.employer_id,
        ssyk: r.ssyk,
        latestVersion: r.latest_version,
        name: r.name,
        occupations: r.occupations,
        tasks: roleTaskViews(r.tasks),
        taxonomyVersion: r.taxonomy_version,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      })),
      total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }
}
