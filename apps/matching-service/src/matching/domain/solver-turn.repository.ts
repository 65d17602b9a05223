import type { EntityManager } from 'typeorm';

type Executor = Pick<EntityManager, 'query'>;

/**
 * The only writer of matching.solver_turn. Replicas of matching-service share one assignment: each piece of
 * matching work takes the turn (an advisory lock held until its transaction ends, so replicas never solve at the
 * same time) and learns whether another replica had it since, in which case its in-memory model is stale.
 */
export abstract class SolverTurnRepository {
  /** Waits for the turn within `em`'s transaction; true if another instance (or none yet) took the last one. */
  abstract take(em: Executor, instance: string): Promise<boolean>;
}
