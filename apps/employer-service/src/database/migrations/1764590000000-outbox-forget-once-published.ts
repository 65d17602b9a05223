import { addOutboxForgetOncePublished } from '@jobbspar/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/** Every outbox has the column the relay reads (Outbox.forgetOncePublished); employer-service holds no candidate's rows. */
export class OutboxForgetOncePublished1764590000000 implements MigrationInterface {
  name = 'OutboxForgetOncePublished1764590000000';

  async up(q: QueryRunner): Promise<void> {
    await addOutboxForgetOncePublished(q, SCHEMA);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${SCHEMA}".outbox DROP COLUMN forget_once_published`);
  }
}
