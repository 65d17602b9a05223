import { addOutboxTraceparent } from '@jobbspar/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/** The outbox keeps the W3C traceparent each event was written under, so its trace goes on through Kafka. */
export class OutboxTraceparent1764520100000 implements MigrationInterface {
  name = 'OutboxTraceparent1764520100000';

  async up(q: QueryRunner): Promise<void> {
    await addOutboxTraceparent(q, migrationSchema(q));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${migrationSchema(q)}".outbox DROP COLUMN traceparent`);
  }
}
