import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleNotFoundError, RoleVersionNotFoundError } from '../../../domain/role.errors';
import { SCHEMA } from '../../../../config/env';
import { ROLE_VERSION_COLUMNS, type RoleVersionRow, roleVersionView, RoleVersionView, versionOf } from '../role.view';
import { GetRoleVersionQuery } from './get-role-version.query';

@QueryHandler(GetRoleVersionQuery)
export class GetRoleVersionHandler implements IQueryHandler<GetRoleVersionQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ roleId, version }: GetRoleVersionQuery): Promise<RoleVersionView> {
    // The role and the version asked for in one statement (issue 14): no role, or a role without that version.
    const [row]: RoleVersionRow[] = await this.dataSource.query(
      `SELECT ${ROLE_VERSION_COLUMNS} FROM "${SCHEMA}".roles r LEFT JOIN "${SCHEMA}".role_versions v ON v.role_id = r.id AND v.version = $2
        WHERE r.id = $1`,
      [roleId, version],
    );
    if (!row) throw new RoleNotFoundError('id', roleId);
    if (row.version === null) throw new RoleVersionNotFoundError('version', roleId, version, row.latest_version);
    return roleVersionView(versionOf(row));
  }
}
