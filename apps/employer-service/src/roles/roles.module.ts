import { Module } from '@nestjs/common';
import { EmployersModule } from '../employers/employers.module';
import { ComposeRoleHandler } from './application/commands/compose-role/compose-role.handler';
import { DefineStandardRoleHandler } from './application/commands/define-standard-role/define-standard-role.handler';
import { ReviseRoleHandler } from './application/commands/revise-role/revise-role.handler';
import { GetRoleHandler } from './application/queries/get-role/get-role.handler';
import { GetRoleVersionHandler } from './application/queries/get-role-version/get-role-version.handler';
import { ListRolesHandler } from './application/queries/list-roles/list-roles.handler';
import { RoleRepository } from './domain/role.repository';
import { PostgresRoleRepository } from './infrastructure/postgres-role.repository';
import { RolesController } from './interface/http/roles.controller';

@Module({
  imports: [EmployersModule],
  controllers: [RolesController],
  providers: [
    DefineStandardRoleHandler,
    ComposeRoleHandler,
    ReviseRoleHandler,
    GetRoleHandler,
    GetRoleVersionHandler,
    ListRolesHandler,
    { provide: RoleRepository, useClass: PostgresRoleRepository },
  ],
  exports: [RoleRepository],
})
export class RolesModule {}
