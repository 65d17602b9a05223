import { allowKeysOfNoCaller, CALLER_BOUND_RLS, forgetKeysOfNoCaller, reapplyRowLevelSecurity } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';

/**
 * The Idempotency-Key answers recorded before keys had callers (actor '', readable by anyone identified) are
 * forgotten, refused from now on, and the policy reads only the caller's own and the service's
 * (libs/platform/src/http/idempotency.ts, forgetKeysOfNoCaller, says why forgotten). As in every service.
 */
export class IdempotencyKeysOfCallersOnly1764691000000 implements MigrationInterface {
  name = 'IdempotencyKeysOfCallersOnly1764691000000';

  async up(q: QueryRunner): Promise<void> {
    await forgetKeysOfNoCaller(q, migrationSchema(q), SERVICE_NAME);
    await reapplyRowLevelSecurity(q, migrationSchema(q), SERVICE_NAME, { idempotency_keys: CALLER_BOUND_RLS.idempotency_keys });
  }

  async down(q: QueryRunner): Promise<void> {
    // The narrower policy stays: the wider one of before is not brought back.
    await allowKeysOfNoCaller(q, migrationSchema(q));
  }
}
