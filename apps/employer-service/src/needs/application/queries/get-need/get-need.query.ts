import { Query } from '@nestjs/cqrs';
import type { Principal } from '@jobbspar/platform';
import type { NeedView } from '../need.view';

export class GetNeedQuery extends Query<NeedView> {
  constructor(
    readonly needId: string,
    /** Only if this caller may see it (employer-policy's need scope), in the same statement; else NeedNotFound as for none. */
    readonly visibleTo?: Principal,
  ) {
    super();
  }
}
