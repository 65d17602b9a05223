import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleNotFoundError } from '../../../domain/role.errors';
import { RoleOrmEntity, RoleVersionOrmEntity } from '../../../infrastructure/role.orm-entity';
import { roleVersionView, roleView, RoleWithVersionsView } from '../role.view';
import { GetRoleQuery } from './get-role.query';

@QueryHandler(GetRoleQuery)
export class GetRoleHandler implements IQueryHandler<GetRoleQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ roleId }: GetRoleQuery): Promise<RoleWithVersionsView> {
    const role = await this.dataSource.getRepository(RoleOrmEntity).findOneBy({ id: roleId });
    if (!role) throw new RoleNotFoundError('id', roleId);
    const versions = await this.dataSource.getRepository(RoleVersionOrmEntity).find({ where: { roleId }, order: { version: 'ASC' } });
    const latest = versions.find((v) => v.version === role.latestVersion)!;
    return { ...roleView(role, latest), versions: versions.map(roleVersionView) };
  }
}
