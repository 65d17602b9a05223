import { disableRowLevelSecurity, enableRowLevelSecurity, OUTBOX_RLS_RULE, RlsRule } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

const withPerson: RlsRule = { kind: 'through', parent: 'persons', key: 'candidate_id' };

/**
 * Tenancy in the database (docs/access-control.md, "Row-level security"): every table of the schema has RLS enabled
 * and forced. The projection is written by the consumers (the service itself); an analyst's request reads her
 * region's rows only: goals, persons, placements, needs and releases by their region, a goal's figures with their
 * goal, what is known about a person (consent, first dates, task levels, checkpoints) with her person row.
 */
export const FOLLOW_UP_RLS: Readonly<Record<string, RlsRule>> = {
  goals: { kind: 'tenant', column: 'region' },
  goal_figures: { kind: 'through', parent: 'goals', key: 'goal_id', parentKey: 'id' },
  persons: { kind: 'tenant', column: 'region' },
  consents: withPerson,
  first_dates: withPerson,
  task_levels: withPerson,
  checkpoints: withPerson,
  placements: { kind: 'tenant', column: 'region' },
  needs: { kind: 'tenant', column: 'region' },
  erasures: { kind: 'service' },
  releases: { kind: 'tenant', column: 'region' },
  outbox: OUTBOX_RLS_RULE,
  inbox: { kind: 'inbox' },
  idempotency_keys: { kind: 'identified' },
  audit_log: { kind: 'audit' },
};

export class RowLevelSecurity1764510000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await enableRowLevelSecurity(q, SCHEMA, SERVICE_NAME, FOLLOW_UP_RLS);
  }

  async down(q: QueryRunner): Promise<void> {
    await disableRowLevelSecurity(q, SCHEMA, Object.keys(FOLLOW_UP_RLS));
  }
}
