import { allowAuditCorrections, disallowAuditCorrections } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * An audit entry written with a command's commit is followed by its correction when the caller received something
 * else (libs/platform/src/audit/audit-log.ts, allowAuditCorrections). As in every service.
 */
export class AuditCorrections1764690000000 implements MigrationInterface {
  name = 'AuditCorrections1764690000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await allowAuditCorrections(queryRunner, migrationSchema(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disallowAuditCorrections(queryRunner, migrationSchema(queryRunner));
  }
}
