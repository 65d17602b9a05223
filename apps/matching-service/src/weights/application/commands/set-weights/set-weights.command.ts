import type { FactorWeights, ScoringWeights } from '@jobbspar/matching-core';
import { Command } from '@nestjs/cqrs';
import type { Cause } from '../../../../common/cause';

/** New scoring weights for a region: a new version; proposals scored from then on record it. */
export class SetWeightsCommand extends Command<ScoringWeights> {
  constructor(
    readonly region: string,
    readonly weights: FactorWeights,
    readonly ctx: Cause,
  ) {
    super();
  }
}
