import { createAuditLogTable, dropAuditLogTable } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/** This service's append-only audit log (libs/platform/src/audit/audit-log.ts). */
export class AuditLog1764400000000 implements MigrationInterface {
  name = 'AuditLog1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAuditLogTable(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditLogTable(queryRunner, SCHEMA);
  }
}
