import type { ScoringWeights } from '@jobbspar/matching-core';
import { Query } from '@nestjs/cqrs';

export interface WeightsView {
  region: string;
  current: ScoringWeights;
  /** The region's own versions, oldest first. */
  history: string[];
}

export class GetWeightsQuery extends Query<WeightsView> {
  constructor(readonly region: string) {
    super();
  }
}
