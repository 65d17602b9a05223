import { createIdempotencyTable, dropIdempotencyTable } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/** The Idempotency-Key record of this service's writes (libs/platform/src/http/idempotency.ts). */
export class IdempotencyKeys1764200000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIdempotencyTable(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIdempotencyTable(queryRunner, SCHEMA);
  }
}
