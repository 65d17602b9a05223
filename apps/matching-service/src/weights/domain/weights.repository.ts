import type { RegionWeights, ScoringWeights } from '@jobbspar/matching-core';
import type { EntityManager } from 'typeorm';

type Executor = Pick<EntityManager, 'query'>;

export interface StoredWeights {
  version: string;
  region: string;
  seq: number;
  weights: ScoringWeights;
  createdBy: string;
}

/** The only writer of matching.weights: every version of every region's scoring weights, never changed once stored. */
export abstract class WeightsRepository {
  /** Serialises changes to one region until the transaction ends: the (region, seq) key would reject the loser anyway. */
  abstract lockRegion(em: Executor, region: string): Promise<void>;
  /** Every region's versions, oldest first: what the WeightsRegistry is built from. */
  abstract all(em: Executor): Promise<RegionWeights[]>;
  abstract insert(em: Executor, weights: StoredWeights): Promise<void>;
  abstract history(em: Executor, region: string): Promise<{ version: string; weights: ScoringWeights; createdAt: Date }[]>;
}
