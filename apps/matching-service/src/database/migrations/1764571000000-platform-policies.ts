import { reapplyRowLevelSecurity } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';
import { matchingRls } from './1764570000000-row-level-security';

/**
 * Narrower policies on the platform's tables (docs/access-control.md, "Row-level security"): the inbox is the
 * consumers' alone, the outbox is marked published only by the relay, the audit log is read by the tenant's admins
 * and appended by the service. As in every service; replaces what 1764570000000 created on schemas migrated before,
 * with the proposals' and placements' policies in their cheaper form (role checks outside the subqueries).
 */
const TABLES = ['outbox', 'inbox', 'audit_log', 'proposals', 'placements'] as const;

export class PlatformPolicies1764571000000 implements MigrationInterface {
  name = 'PlatformPolicies1764571000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    const rules = matchingRls(schema);
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, Object.fromEntries(TABLES.map((t) => [t, rules[t]])));
  }

  async down(): Promise<void> {
    // The wider policies of before are not brought back: 1764570000000's down drops them all.
  }
}
