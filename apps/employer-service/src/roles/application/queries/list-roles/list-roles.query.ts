import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../common/page';
import type { RoleKind } from '../../../domain/role';
import type { RoleView } from '../role.view';

export interface RoleFilter {
  kind?: RoleKind;
  employerId?: string;
  /** Roles whose latest version draws on this occupation. */
  ssyk?: string;
  limit: number;
  offset: number;
}

export class ListRolesQuery extends Query<Page<RoleView>> {
  constructor(readonly filter: RoleFilter) {
    super();
  }
}
