import { Query } from '@nestjs/cqrs';
import type { PlacementView } from '../placement.view';

export class GetPlacementQuery extends Query<PlacementView> {
  constructor(readonly placementId: string) {
    super();
  }
}
