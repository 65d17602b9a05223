import { Query } from '@nestjs/cqrs';
import type { NeedView } from '../need.view';

export class GetNeedQuery extends Query<NeedView> {
  constructor(readonly needId: string) {
    super();
  }
}
