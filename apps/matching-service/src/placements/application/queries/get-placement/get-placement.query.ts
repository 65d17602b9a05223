import { Query } from '@nestjs/cqrs';
import { UNRESTRICTED, type Viewer } from '../../../../common/viewer';
import type { PlacementView } from '../placement.view';

/** One placement, if the caller sees it (PLACEMENT_NOT_FOUND otherwise). */
export class GetPlacementQuery extends Query<PlacementView> {
  constructor(
    readonly placementId: string,
    readonly viewer: Viewer = UNRESTRICTED,
  ) {
    super();
  }
}
