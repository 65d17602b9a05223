import { createMessagingTables, dropMessagingTables } from '@jobbspar/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

export class Messaging1764000000000 implements MigrationInterface {
  name = 'Messaging1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, SCHEMA);
  }
}
