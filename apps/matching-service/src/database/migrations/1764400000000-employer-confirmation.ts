import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * The employer's answer to an accepted proposal (issue 10, item 5): a proposal she declines is `declined`, with
 * her reason code, and who answered and when is kept beside the coordinator's review. matching now also holds the
 * employers it sees needs of (from EmployerRegistered): whose organisation a need is, for the employer's side of
 * the API, and the employer's name for the people who decide.
 */
export class EmployerConfirmation1764400000000 implements MigrationInterface {
  name = 'EmployerConfirmation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".proposals DROP CONSTRAINT proposals_status_check`);
    await q.query(
      `ALTER TABLE "${schema}".proposals ADD CONSTRAINT proposals_status_check
         CHECK (status IN ('proposed', 'accepted', 'rejected', 'withdrawn', 'placed', 'declined')),
       ADD COLUMN decided_by text, ADD COLUMN decided_at timestamptz, ADD COLUMN decline_reason text`,
    );
    await q.query(`CREATE TABLE "${schema}".employers (
      employer_id uuid PRIMARY KEY,
      organisation_number text NOT NULL,
      name text NOT NULL,
      municipality_code text NOT NULL,
      is_municipality boolean NOT NULL
    )`);
    await q.query(`CREATE INDEX employers_organisation_idx ON "${schema}".employers (organisation_number)`);
    await q.query(`CREATE INDEX placements_need_idx ON "${schema}".placements (need_id)`);
    await q.query(`CREATE INDEX placements_employer_idx ON "${schema}".placements (employer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`DROP INDEX "${schema}".placements_employer_idx`);
    await q.query(`DROP INDEX "${schema}".placements_need_idx`);
    await q.query(`DROP TABLE "${schema}".employers`);
    // Before the employer could answer, her no was a rejection with the reason employer-declined.
    await q.query(`UPDATE "${schema}".proposals SET status = 'rejected', reason_code = 'employer-declined' WHERE status = 'declined'`);
    await q.query(
      `ALTER TABLE "${schema}".proposals DROP CONSTRAINT proposals_status_check,
       DROP COLUMN decided_by, DROP COLUMN decided_at, DROP COLUMN decline_reason`,
    );
    await q.query(
      `ALTER TABLE "${schema}".proposals ADD CONSTRAINT proposals_status_check
         CHECK (status IN ('proposed', 'accepted', 'rejected', 'withdrawn', 'placed'))`,
    );
  }
}
