import { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox of one service, created by that service's first migration in its own schema. The outbox
 * keeps published rows for a while: they are the service's record of what it said, and what a replay re-reads.
 */
/**
 * The W3C traceparent an event was written under (tracing, libs/platform observability/tracing.ts), for outboxes
 * made before createMessagingTables had the column; a no-op on newer ones.
 */
export async function addOutboxTraceparent(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".outbox ADD COLUMN IF NOT EXISTS traceparent text`);
}

/**
 * Erasure (Outbox.forgetOncePublished): a row naming an erased candidate is deleted once the relay has sent it, for
 * outboxes made before createMessagingTables had the column; a no-op on newer ones.
 */
export async function addOutboxForgetOncePublished(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".outbox ADD COLUMN IF NOT EXISTS forget_once_published boolean NOT NULL DEFAULT false`);
}

export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      message_key text NOT NULL,
      event_type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      traceparent text,
      forget_once_published boolean NOT NULL DEFAULT false
    )`);
  await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON "${schema}".outbox (id) WHERE published_at IS NULL`);
  await queryRunner.query(`
    CREATE TABLE "${schema}".inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      aggregate_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
}
