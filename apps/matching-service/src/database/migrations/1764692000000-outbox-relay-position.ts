import { addOutboxRelayPosition, removeOutboxRelayPosition } from '@jobbspar/messaging';
import { disableRowLevelSecurity, enableRowLevelSecurity, OUTBOX_RELAY_RLS } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';

/**
 * The relay keeps a position (`outbox_relay.sent_through`) instead of marking every row it sent, the outbox keeps
 * each event's compact JSON as sent (`message`), and the partial index on `published_at` goes
 * (libs/messaging/src/messaging-tables.ts, addOutboxRelayPosition). As in every service.
 */
export class OutboxRelayPosition1764692000000 implements MigrationInterface {
  name = 'OutboxRelayPosition1764692000000';

  async up(q: QueryRunner): Promise<void> {
    await addOutboxRelayPosition(q, migrationSchema(q), SERVICE_NAME);
    await enableRowLevelSecurity(q, migrationSchema(q), SERVICE_NAME, OUTBOX_RELAY_RLS);
  }

  async down(q: QueryRunner): Promise<void> {
    await disableRowLevelSecurity(q, migrationSchema(q), Object.keys(OUTBOX_RELAY_RLS));
    await removeOutboxRelayPosition(q, migrationSchema(q), SERVICE_NAME);
  }
}
