import { addOutboxTraceparent } from '@jobbspar/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/** The outbox keeps the W3C traceparent each event was written under, so its trace goes on through Kafka. */
export class OutboxTraceparent1764520100000 implements MigrationInterface {
  name = 'OutboxTraceparent1764520100000';

  async up(q: QueryRunner): Promise<void> {
    await addOutboxTraceparent(q, SCHEMA);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${SCHEMA}".outbox DROP COLUMN traceparent`);
  }
}
