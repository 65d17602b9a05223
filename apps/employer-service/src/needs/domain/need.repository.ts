import type { EntityManager } from 'typeorm';
import type { Need } from './need';

/** Needs as stored, each with the role version it froze. Every method takes the caller's transaction. */
export abstract class NeedRepository {
  /**
   * Loads a need with its frozen role version. With `lock`, the row is held until the transaction ends, so an
   * employer's edit and a placement arriving from matching cannot both build on the same revision.
   */
  abstract findById(em: EntityManager, id: string, options?: { lock?: boolean }): Promise<Need | null>;
  abstract insert(em: EntityManager, need: Need): Promise<void>;
  abstract save(em: EntityManager, need: Need): Promise<void>;
}
