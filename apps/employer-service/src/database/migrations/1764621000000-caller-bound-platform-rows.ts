import { CALLER_BOUND_RLS, reapplyRowLevelSecurity, tieIdempotencyKeysToCallers, untieIdempotencyKeys } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

/**
 * A person's transaction appends events and records Idempotency-Key answers only under her own name
 * (docs/access-control.md, "Row-level security"): the outbox takes an event from her only when its envelope's actor
 * is hers, and a recorded answer is keyed by its actor and read, completed and forgotten only by her and the service.
 * As in every service.
 */
export class CallerBoundPlatformRows1764621000000 implements MigrationInterface {
  name = 'CallerBoundPlatformRows1764621000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = SCHEMA;
    await tieIdempotencyKeysToCallers(q, schema);
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, CALLER_BOUND_RLS);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = SCHEMA;
    // The outbox keeps its narrower policy: the wider one of before is not brought back.
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, { idempotency_keys: { kind: 'identified' } });
    await untieIdempotencyKeys(q, schema);
  }
}
