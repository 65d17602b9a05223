import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../common/page';
import type { EmployerView } from '../employer.view';

export interface EmployerFilter {
  municipalityCode?: string;
  countyCode?: string;
  isMunicipality?: boolean;
  limit: number;
  offset: number;
}

export class ListEmployersQuery extends Query<Page<EmployerView>> {
  constructor(readonly filter: EmployerFilter) {
    super();
  }
}
