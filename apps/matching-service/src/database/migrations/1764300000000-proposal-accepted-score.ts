import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * A proposal's `score` and `explanation` are now its current ones while it is open; what the coordinator accepted
 * is kept beside them. Proposals accepted before this migration were never re-scored, so their score is the one
 * they were accepted with.
 */
export class ProposalAcceptedScore1764300000000 implements MigrationInterface {
  name = 'ProposalAcceptedScore1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".proposals ADD COLUMN accepted_score numeric(7,2), ADD COLUMN accepted_explanation jsonb`);
    await q.query(
      `UPDATE "${schema}".proposals SET accepted_score = score, accepted_explanation = explanation WHERE status IN ('accepted', 'placed')
         OR (status = 'withdrawn' AND reviewed_at IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".proposals DROP COLUMN accepted_score, DROP COLUMN accepted_explanation`);
  }
}
