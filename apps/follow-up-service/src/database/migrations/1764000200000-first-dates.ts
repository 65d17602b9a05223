import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/**
 * A person's first task, proposal and acceptance in their own table: they come from other topics than her
 * registration, so on a replay they may arrive before it, and an update of her row would find nothing to update.
 */
export class FirstDates1764000200000 implements MigrationInterface {
  name = 'FirstDates1764000200000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    await q.query(`
      CREATE TABLE ${s}.first_dates (
        candidate_id uuid NOT NULL,
        stage text NOT NULL CHECK (stage IN ('task', 'proposed', 'accepted')),
        day date NOT NULL,
        PRIMARY KEY (candidate_id, stage)
      )`);
    for (const [column, stage] of [
      ['first_task_on', 'task'],
      ['first_proposed_on', 'proposed'],
      ['first_accepted_on', 'accepted'],
    ]) {
      await q.query(
        `INSERT INTO ${s}.first_dates (candidate_id, stage, day) SELECT candidate_id, '${stage}', ${column} FROM ${s}.persons WHERE ${column} IS NOT NULL`,
      );
    }
    await q.query(`ALTER TABLE ${s}.persons DROP COLUMN first_task_on, DROP COLUMN first_proposed_on, DROP COLUMN first_accepted_on`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    await q.query(
      `ALTER TABLE ${s}.persons ADD COLUMN first_task_on date, ADD COLUMN first_proposed_on date, ADD COLUMN first_accepted_on date`,
    );
    await q.query(`DROP TABLE ${s}.first_dates`);
  }
}
