import { disableRowLevelSecurity, enableRowLevelSecurity, OUTBOX_RLS_RULE, rlsConditions, RlsRule } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

const c = rlsConditions(SERVICE_NAME);
const countyTenant = (column: string): string => `('se-' || ${column})`;

/**
 * Tenancy in the database (docs/access-control.md, "Row-level security"): every table of the schema has RLS enabled
 * and forced. Employers, roles and needs are published to every service and read across regions by design (role
 * templates; coordinators match their candidates to needs wherever they commute), so the database holds their
 * writes to the caller's region: an employer by its seat's county, a need by its workplace's or its employer's
 * county, a composed role by its tenant (a standard role is the occupation's, one for all regions), a shortage
 * override by its county. The outbox, idempotency keys and audit log are a tenant's as in every service.
 */
export const EMPLOYER_RLS: Readonly<Record<string, RlsRule>> = {
  employers: { kind: 'shared', writable: c.tenantIn(countyTenant('county_code')) },
  needs: {
    kind: 'shared',
    writable: `(${c.tenantIn(countyTenant('county_code'))} OR EXISTS (SELECT 1 FROM "${SCHEMA}".employers e WHERE e.id = needs.employer_id AND ${c.tenantIn(countyTenant('e.county_code'))}))`,
  },
  roles: { kind: 'shared', writable: `(kind = 'standard' OR ${c.tenantIn('tenant')})` },
  role_versions: {
    kind: 'shared',
    writable: `EXISTS (SELECT 1 FROM "${SCHEMA}".roles r WHERE r.id = role_versions.role_id AND (r.kind = 'standard' OR ${c.tenantIn('r.tenant')}))`,
  },
  shortage_overrides: { kind: 'shared', writable: c.tenantIn(countyTenant('county_code')) },
  outbox: OUTBOX_RLS_RULE,
  inbox: { kind: 'inbox' },
  idempotency_keys: { kind: 'identified' },
  audit_log: { kind: 'audit' },
};

export class RowLevelSecurity1764510000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await enableRowLevelSecurity(q, SCHEMA, SERVICE_NAME, EMPLOYER_RLS);
  }

  async down(q: QueryRunner): Promise<void> {
    await disableRowLevelSecurity(q, SCHEMA, Object.keys(EMPLOYER_RLS));
  }
}
