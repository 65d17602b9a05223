import { SERVICE_SETTING } from '@jobbspar/platform';
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

/**
 * How far the relay has sent (OutboxRelay): every row up to `sent_through` is sent, and any row above it whose
 * `published_at` is set. The relay advances one number per batch instead of rewriting each row it sent (every such
 * UPDATE wrote a new version of a row of about a kilobyte, and none could be HOT while an index's predicate named
 * `published_at`). One row; a no-op where it exists.
 */
async function createOutboxRelayPosition(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".outbox_relay (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      sent_through bigint NOT NULL
    )`);
}

/** The SQL condition of an outbox row (alias `o`, or the table's name) not sent yet, for the relay's readers and its tests. */
export function unsentOutboxRow(schema: string, row = 'outbox'): string {
  return `(${row}.published_at IS NULL AND ${row}.id > (SELECT sent_through FROM "${schema}".outbox_relay))`;
}

/**
 * In a migration, for outboxes made before createMessagingTables had them (a no-op on newer ones): the relay's
 * position (OutboxRelay), started where the rows marked one by one leave off; the compact envelope as sent, written
 * at append time (`message`: the relay sends it as it is, with no jsonb to parse and print again); and no partial
 * index on `published_at` (the relay reads by id above its position, and a row marked on its own can be HOT).
 */
export async function addOutboxRelayPosition(queryRunner: QueryRunner, schema: string, service: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".outbox ADD COLUMN IF NOT EXISTS message text`);
  await queryRunner.query(`DROP INDEX IF EXISTS "${schema}".outbox_unpublished_idx`);
  await createOutboxRelayPosition(queryRunner, schema);
  // As the service: the owner is under the outbox's forced policies like everyone.
  await queryRunner.query(`SELECT set_config('${SERVICE_SETTING}', $1, true)`, [service]);
  await queryRunner.query(
    `INSERT INTO "${schema}".outbox_relay (singleton, sent_through)
     SELECT true, coalesce((SELECT min(id) - 1 FROM "${schema}".outbox WHERE published_at IS NULL), (SELECT max(id) FROM "${schema}".outbox), 0)
     ON CONFLICT (singleton) DO NOTHING`,
  );
  await queryRunner.query(`SELECT set_config('${SERVICE_SETTING}', '', true)`);
}

export async function removeOutboxRelayPosition(queryRunner: QueryRunner, schema: string, service: string): Promise<void> {
  await queryRunner.query(`SELECT set_config('${SERVICE_SETTING}', $1, true)`, [service]);
  // What the position says was sent is marked row by row again, as the relay of before reads it.
  await queryRunner.query(
    `UPDATE "${schema}".outbox SET published_at = now()
      WHERE published_at IS NULL AND id <= (SELECT sent_through FROM "${schema}".outbox_relay)`,
  );
  await queryRunner.query(`SELECT set_config('${SERVICE_SETTING}', '', true)`);
  await queryRunner.query(`DROP TABLE "${schema}".outbox_relay`);
  await queryRunner.query(`CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON "${schema}".outbox (id) WHERE published_at IS NULL`);
  await queryRunner.query(`ALTER TABLE "${schema}".outbox DROP COLUMN IF EXISTS message`);
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
      forget_once_published boolean NOT NULL DEFAULT false,
      message text
    )`);
  await createOutboxRelayPosition(queryRunner, schema);
  await queryRunner.query(`INSERT INTO "${schema}".outbox_relay (singleton, sent_through) VALUES (true, 0)`);
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
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox_relay`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
}
