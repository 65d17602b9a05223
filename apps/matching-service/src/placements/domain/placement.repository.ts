import type { EntityManager } from 'typeorm';
import type { Placement } from './placement';

type Executor = Pick<EntityManager, 'query'>;

/** The only writer of matching.placements and matching.follow_ups (a placement's follow-ups are part of it). */
export abstract class PlacementRepository {
  /** With `lock`, the row is held until the transaction ends, so two follow-ups cannot both build on one version. */
  abstract findById(em: Executor, placementId: string, options?: { lock?: boolean }): Promise<Placement | null>;
  abstract findByCandidate(em: Executor, candidateId: string): Promise<Placement[]>;
  /** At most one placement per proposal. */
  abstract insert(em: Executor, placement: Placement): Promise<void>;
  /** Saves what ending, a follow-up and erasure change; recorded follow-ups never change, new ones are added. */
  abstract save(em: Executor, placement: Placement): Promise<void>;
  /** Placements under way per candidate: each holds one of her slots. */
  abstract underWayPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>>;
}
