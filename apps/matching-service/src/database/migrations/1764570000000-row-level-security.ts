import { disableRowLevelSecurity, enableRowLevelSecurity, OUTBOX_RLS_RULE, rlsConditions, RlsRule } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';

const c = rlsConditions(SERVICE_NAME);

/**
 * Whether the caller speaks for the employer row `e`, as `speaksFor` (common/viewer.ts) decides from her token: the
 * employer's own staff (role employer, her organisation is the employer's), or the HR of the municipality that is
 * the employer.
 */
const speaksFor = (e: string): string =>
  `((${c.hasRole('employer')} AND ${c.organisationIs(`'employer:' || ${e}.organisation_number`)}) OR ` +
  `(${e}.is_municipality AND ${c.hasRole('municipal-hr')} AND ${c.municipalityIn(`${e}.municipality_code`)}))`;

/**
 * Tenancy in the database (docs/access-control.md, "Row-level security"), saying what matching's access policy says
 * (access/matching-policy.ts viewerOf, proposals/application/employer-side.ts, placements/application/placement-access.ts):
 *
 * - a proposal belongs to two sides: the coordinators, who review every proposal (the queue proposes their
 *   candidates for needs anywhere), and the need's employer (its staff, or the HR of the municipality as employer);
 * - a placement to its employer's side and to the coordinators of the area where the candidate lives (her home in
 *   the candidates read model); its follow-ups go with it;
 * - the read models, the match edges and the weights are the engine's: read by anyone identified (the review queue's
 *   need context, the supply preview's counts, why and why not), written only by the service itself (consumers, and
 *   the engine's work, which runs as the service also inside a person's command); a region's weights are written by
 *   its admin;
 * - the solver's turn is the service's alone; outbox, inbox, idempotency keys and audit log as in every service.
 *
 * Built for the data source's schema (replay runs the migrations into a scratch schema). The proposals' and
 * placements' policies are replaced by 1764620000000's form, which decides the same once per statement.
 */
export function matchingRls(schema: string): Readonly<Record<string, RlsRule>> {
  // The role checks stand outside the subqueries, so each caller pays only for her own side's lookups.
  const employerSide = `(${c.hasRole('employer')} OR ${c.hasRole('municipal-hr')})`;
  const employerOfNeed = (needId: string): string =>
    `EXISTS (SELECT 1 FROM "${schema}".needs n JOIN "${schema}".employers e ON e.employer_id = (n.snapshot->>'employerId')::uuid
       WHERE n.need_id = ${needId} AND ${speaksFor('e')})`;
  return {
    employers: { kind: 'reference' },
    needs: { kind: 'reference' },
    need_tasks: { kind: 'reference' },
    candidates: { kind: 'reference' },
    candidate_task_levels: { kind: 'reference' },
    validations: { kind: 'reference' },
    match_edges: { kind: 'reference' },
    solver_turn: { kind: 'service' },
    weights: { kind: 'shared', writable: `(${c.hasRole('admin')} AND ${c.tenantIn('region')})` },
    proposals: { kind: 'owned', visible: `(${c.hasRole('coordinator')} OR (${employerSide} AND ${employerOfNeed('proposals.need_id')}))` },
    placements: {
      kind: 'owned',
      visible:
        `((${employerSide} AND EXISTS (SELECT 1 FROM "${schema}".employers e WHERE e.employer_id = placements.employer_id AND ${speaksFor('e')})) OR ` +
        `(${c.hasRole('coordinator')} AND EXISTS (SELECT 1 FROM "${schema}".candidates h
            WHERE h.candidate_id = placements.candidate_id AND ${c.municipalityIn(`(h.profile->>'homeMunicipality')`)})))`,
    },
    follow_ups: { kind: 'through', parent: 'placements', key: 'placement_id' },
    outbox: OUTBOX_RLS_RULE,
    inbox: { kind: 'inbox' },
    idempotency_keys: { kind: 'identified' },
    audit_log: { kind: 'audit' },
  };
}

export class RowLevelSecurity1764570000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764570000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await enableRowLevelSecurity(q, schema, SERVICE_NAME, matchingRls(schema));
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await disableRowLevelSecurity(q, schema, Object.keys(matchingRls(schema)));
  }
}
