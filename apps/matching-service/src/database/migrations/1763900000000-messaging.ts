import { createMessagingTables, dropMessagingTables } from '@jobbspar/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

export class Messaging1763900000000 implements MigrationInterface {
  name = 'Messaging1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, migrationSchema(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, migrationSchema(queryRunner));
  }
}
