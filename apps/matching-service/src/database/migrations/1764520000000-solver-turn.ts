import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * One row: which replica did matching work last. Replicas of matching-service take turns under one advisory lock;
 * a replica whose in-memory assignment was built before another replica's turn sees that here and rebuilds it.
 */
export class SolverTurn1764520000000 implements MigrationInterface {
  name = 'SolverTurn1764520000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(
      `CREATE TABLE "${schema}".solver_turn (id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1), instance uuid, taken_at timestamptz)`,
    );
    await q.query(`INSERT INTO "${schema}".solver_turn (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${migrationSchema(q)}".solver_turn`);
  }
}
