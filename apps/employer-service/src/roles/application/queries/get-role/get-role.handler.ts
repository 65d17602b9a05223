import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleNotFoundError } from '../../../domain/role.errors';
import { SCHEMA } from '../../../../config/env';
import {
  ROLE_VERSION_COLUMNS,
  roleOf,
  type RoleVersionRow,
  roleVersionView,
  roleView,
  RoleWithVersionsView,
  versionOf,
} from '../role.view';
import { GetRoleQuery } from './get-role.query';

@QueryHandler(GetRoleQuery)
export class GetRoleHandler implements IQueryHandler<GetRoleQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ roleId }: GetRoleQuery): Promise<RoleWithVersionsView> {
    // The role and every version in one statement (issue 14: one query per read path), oldest version first.
    const rows: RoleVersionRow[] = await this.dataSource.query(
      `SELECT ${ROLE_VERSION_COLUMNS} FROM "${SCHEMA}".roles r JOIN "${SCHEMA}".role_versions v ON v.role_id = r.id
        WHERE r.id = $1 ORDER BY v.version`,
      [roleId],
    );
    if (rows.length === 0) throw new RoleNotFoundError('id', roleId);
    const role = roleOf(rows[0]);
    const versions = rows.map(versionOf);
    const latest = versions.find((v) => v.version === role.latestVersion)!;
    return { ...roleView(role, latest), versions: versions.map(roleVersionView) };
  }
}
