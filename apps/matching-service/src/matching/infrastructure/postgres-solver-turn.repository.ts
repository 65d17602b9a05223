import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SolverTurnRepository } from '../domain/solver-turn.repository';

type Executor = Pick<EntityManager, 'query'>;

/** SolverTurnRepository in SQL: a transaction-scoped advisory lock, then the row written only when the turn changes hands. */
@Injectable()
export class PostgresSolverTurnRepository extends SolverTurnRepository {
  override async take(em: Executor, instance: string): Promise<boolean> {
    // Taken before any read of the work that follows: in READ COMMITTED each later statement sees every turn
    // committed before this lock was granted.
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('matching:solver-turn', 0))`);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await em.query(
      `UPDATE matching.solver_turn SET instance = $1, taken_at = now() WHERE id = 1 AND instance IS DISTINCT FROM $1`,
      [instance],
    );
    return affected > 0;
  }
}
