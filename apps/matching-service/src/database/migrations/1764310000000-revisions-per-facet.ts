import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * One revision per facet of a read model (issue 13, defect 3): a consent change that overtook her registration
 * discarded the profile, because one revision ordered both. Existing rows take their one revision for each facet
 * they hold.
 */
export class RevisionsPerFacet1764310000000 implements MigrationInterface {
  name = 'RevisionsPerFacet1764310000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".candidates ADD COLUMN profile_revision int, ADD COLUMN consent_revision int NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE "${schema}".candidates SET profile_revision = CASE WHEN profile IS NULL THEN NULL ELSE revision END, consent_revision = revision`,
    );
    await q.query(`ALTER TABLE "${schema}".needs ADD COLUMN terms_revision int, ADD COLUMN status_revision int NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE "${schema}".needs SET terms_revision = CASE WHEN snapshot IS NULL THEN NULL ELSE revision END, status_revision = revision`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".candidates DROP COLUMN profile_revision, DROP COLUMN consent_revision`);
    await q.query(`ALTER TABLE "${schema}".needs DROP COLUMN terms_revision, DROP COLUMN status_revision`);
  }
}
