import { disableRowLevelSecurity, enableRowLevelSecurity, OUTBOX_RLS_RULE, RlsRule } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

/**
 * Tenancy in the database (docs/access-control.md, "Row-level security"): every table of the schema has RLS enabled
 * and forced. A candidate is her region's (`tenant`, from her home municipality); everything held about her goes
 * with her row (a policy through `candidates`, not a copied tenant column that could drift from hers when she
 * moves); the outbox by its envelope's tenant; the read models of employer-service's public data are read by any
 * identified caller and written by the consumers only.
 */
export const CANDIDATE_RLS: Readonly<Record<string, RlsRule>> = {
  candidates: { kind: 'tenant', column: 'tenant' },
  personal_data: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  consents: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  follow_up_attributes: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  internships: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  assessments: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  validations: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  placements: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  placement_follow_ups: { kind: 'through', parent: 'candidates', key: 'candidate_id' },
  // Read and written by the coordinators who erase (a repeated erasure answers from it), and the consumers.
  erasures: { kind: 'roles', roles: ['coordinator'] },
  workplaces: { kind: 'reference' },
  roles: { kind: 'reference' },
  needs: { kind: 'reference' },
  outbox: OUTBOX_RLS_RULE,
  inbox: { kind: 'inbox' },
  idempotency_keys: { kind: 'identified' },
  audit_log: { kind: 'audit' },
};

export class RowLevelSecurity1764510000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await enableRowLevelSecurity(q, SCHEMA, SERVICE_NAME, CANDIDATE_RLS);
  }

  async down(q: QueryRunner): Promise<void> {
    await disableRowLevelSecurity(q, SCHEMA, Object.keys(CANDIDATE_RLS));
  }
}
