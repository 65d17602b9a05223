import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose a workplace is: the employer's organisation number (EmployerRegistered), which a supervisor's token names as
 * her organisation. Supervisors see only the internships at their own workplace. A workplace recorded before this
 * migration has none, and is no supervisor's, until employer-service's EmployerRegistered reaches it again: its
 * migration 1764623000000 publishes every employer's once more.
 */
export class WorkplaceOrganisation1764540000000 implements MigrationInterface {
  name = 'WorkplaceOrganisation1764540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE candidate.workplaces ADD COLUMN organisation_number text`);
    await q.query(`CREATE INDEX workplaces_organisation_idx ON candidate.workplaces (organisation_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX candidate.workplaces_organisation_idx`);
    await q.query(`ALTER TABLE candidate.workplaces DROP COLUMN organisation_number`);
  }
}
