import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleNotFoundError, RoleVersionNotFoundError } from '../../../domain/role.errors';
import { RoleOrmEntity, RoleVersionOrmEntity } from '../../../infrastructure/role.orm-entity';
import { roleVersionView, RoleVersionView } from '../role.view';
import { GetRoleVersionQuery } from './get-role-version.query';

@QueryHandler(GetRoleVersionQuery)
export class GetRoleVersionHandler implements IQueryHandler<GetRoleVersionQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ roleId, version }: GetRoleVersionQuery): Promise<RoleVersionView> {
    const role = await this.dataSource.getRepository(RoleOrmEntity).findOneBy({ id: roleId });
    if (!role) throw new RoleNotFoundError('id', roleId);
    const row = await this.dataSource.getRepository(RoleVersionOrmEntity).findOneBy({ roleId, version });
    if (!row) throw new RoleVersionNotFoundError('version', roleId, version, role.latestVersion);
    return roleVersionView(row);
  }
}
