import { Query } from '@nestjs/cqrs';
import type { EmployerView } from '../employer.view';

export class GetEmployerQuery extends Query<EmployerView> {
  constructor(readonly employerId: string) {
    super();
  }
}
