import { reapplyRowLevelSecurity } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';
import { EMPLOYER_RLS } from './1764510000000-row-level-security';

/**
 * Narrower policies on the platform's tables (docs/access-control.md, "Row-level security"): the inbox is the
 * consumers' alone, the outbox is marked published only by the relay, the audit log is read by the tenant's admins
 * and appended by the service. Replaces what 1764510000000 created on schemas migrated before.
 */
const TABLES = ['outbox', 'inbox', 'audit_log'] as const;

export class PlatformPolicies1764571000000 implements MigrationInterface {
  name = 'PlatformPolicies1764571000000';

  async up(q: QueryRunner): Promise<void> {
    await reapplyRowLevelSecurity(q, SCHEMA, SERVICE_NAME, Object.fromEntries(TABLES.map((t) => [t, EMPLOYER_RLS[t]])));
  }

  async down(): Promise<void> {
    // The wider policies of before are not brought back: 1764510000000's down drops them all.
  }
}
