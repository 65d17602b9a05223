import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/** The tables a review queue page is read from (ProposalRepository.pageJson): a change to any of them may change a page. */
const QUEUE_TABLES = ['proposals', 'needs', 'employers'] as const;

/**
 * The review queue's page cache (ReviewQueueCache) keeps pages in memory until a change to what they are read from:
 * a statement that inserts, updates, deletes or truncates any of the queue's tables notifies the channel
 * `matching_review_queue` with the schema's name. A statement-level trigger, so a batch of a thousand rows costs one
 * notification, and PostgreSQL folds a transaction's identical notifications into one, delivered only at its commit
 * (never for a rollback) to every replica listening. The payload is the schema only: nothing about a person.
 */
export class ReviewQueueNotifications1764680000000 implements MigrationInterface {
  name = 'ReviewQueueNotifications1764680000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`CREATE FUNCTION "${schema}".notify_review_queue_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('matching_review_queue', TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$`);
    for (const table of QUEUE_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_review_queue_notify AFTER INSERT OR UPDATE OR DELETE ON "${schema}".${table}
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".notify_review_queue_change()`);
      await q.query(`CREATE TRIGGER ${table}_review_queue_notify_truncate AFTER TRUNCATE ON "${schema}".${table}
        FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".notify_review_queue_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    for (const table of QUEUE_TABLES) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_review_queue_notify_truncate ON "${schema}".${table}`);
      await q.query(`DROP TRIGGER IF EXISTS ${table}_review_queue_notify ON "${schema}".${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS "${schema}".notify_review_queue_change()`);
  }
}
