import { Query } from '@nestjs/cqrs';
import type { RoleWithVersionsView } from '../role.view';

export class GetRoleQuery extends Query<RoleWithVersionsView> {
  constructor(readonly roleId: string) {
    super();
  }
}
