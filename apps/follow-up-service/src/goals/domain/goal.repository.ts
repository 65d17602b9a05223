import type { EntityManager } from 'typeorm';
import type { Goal } from './goal';

/** The region's goals and their figures (`follow_up.goals`, `follow_up.goal_figures`). Every method takes the caller's transaction. */
export abstract class GoalRepository {
  /** A goal of one region; with `lock`, held until the transaction ends so two imports cannot interleave. */
  abstract findById(em: EntityManager, region: string, id: string, options?: { lock?: boolean }): Promise<Goal | null>;
  /** One page of the region's goals, oldest first, and how many it has in all. */
  abstract pageByRegion(
    em: EntityManager,
    region: string,
    page: { limit: number; offset: number },
  ): Promise<{ goals: Goal[]; total: number }>;
  abstract insert(em: EntityManager, goal: Goal): Promise<void>;
  /** Writes the goal and all its figures (a corrected figure replaces the earlier one). */
  abstract save(em: EntityManager, goal: Goal): Promise<void>;
}
