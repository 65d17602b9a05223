import {
  createRateLimitTable,
  disableRowLevelSecurity,
  dropRateLimitTable,
  enableRowLevelSecurity,
  RATE_LIMIT_RLS,
} from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

/**
 * The rate limiter's counts in the service's schema, so that its replicas share one budget per caller
 * (libs/platform http/rate-limit-store.ts); under row-level security as the service's alone. As in every service.
 */
export class RateLimits1764622000000 implements MigrationInterface {
  name = 'RateLimits1764622000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = SCHEMA;
    await createRateLimitTable(q, schema);
    await enableRowLevelSecurity(q, schema, SERVICE_NAME, RATE_LIMIT_RLS);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = SCHEMA;
    await disableRowLevelSecurity(q, schema, Object.keys(RATE_LIMIT_RLS));
    await dropRateLimitTable(q, schema);
  }
}
