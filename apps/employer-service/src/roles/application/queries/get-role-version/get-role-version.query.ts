import { Query } from '@nestjs/cqrs';
import type { RoleVersionView } from '../role.view';

export class GetRoleVersionQuery extends Query<RoleVersionView> {
  constructor(
    readonly roleId: string,
    readonly version: number,
  ) {
    super();
  }
}
