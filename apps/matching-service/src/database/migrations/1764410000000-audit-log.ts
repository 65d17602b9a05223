import { createAuditLogTable, dropAuditLogTable } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/** This service's append-only audit log (libs/platform/src/audit/audit-log.ts). */
export class AuditLog1764410000000 implements MigrationInterface {
  name = 'AuditLog1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createAuditLogTable(queryRunner, migrationSchema(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditLogTable(queryRunner, migrationSchema(queryRunner));
  }
}
