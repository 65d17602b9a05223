import { Query } from '@nestjs/cqrs';
import type { Viewer } from '../../../../common/viewer';
import type { PlacementView } from '../placement.view';

export interface PlacementListFilter {
  needId?: string;
  employerId?: string;
  candidateId?: string;
  status?: 'started' | 'ended';
  limit: number;
  offset: number;
}

/** The placements the caller sees (her employer's, or her area's residents'), narrowed by need, employer, candidate. */
export class ListPlacementsQuery extends Query<{ items: PlacementView[]; total: number }> {
  constructor(
    readonly viewer: Viewer,
    readonly filter: PlacementListFilter,
  ) {
    super();
  }
}
