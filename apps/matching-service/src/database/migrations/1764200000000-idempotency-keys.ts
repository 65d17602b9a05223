import { createIdempotencyTable, dropIdempotencyTable } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/** The Idempotency-Key record of this service's writes (libs/platform/src/http/idempotency.ts). */
export class IdempotencyKeys1764200000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIdempotencyTable(queryRunner, migrationSchema(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIdempotencyTable(queryRunner, migrationSchema(queryRunner));
  }
}
