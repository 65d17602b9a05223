import { Query } from '@nestjs/cqrs';
import type { Principal } from '@jobbspar/platform';
import type { NeedView } from '../need.view';

/** Several needs by id at once, in the order asked; only those `visibleTo` may see (absent only where no person asks). */
export class GetNeedsQuery extends Query<NeedView[]> {
  constructor(
    readonly needIds: readonly string[],
    readonly visibleTo?: Principal,
  ) {
    super();
  }
}
