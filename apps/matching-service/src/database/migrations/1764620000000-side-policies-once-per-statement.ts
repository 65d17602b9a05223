import { reapplyRowLevelSecurity, rlsConditions, RlsRule, SERVICE_SETTING } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';
import { matchingRls } from './1764570000000-row-level-security';

const c = rlsConditions(SERVICE_NAME);

/**
 * The proposals' and placements' policies of 1764570000000 in a form PostgreSQL evaluates once per statement, not
 * once per row: they said the same, but looked up each row's need and employer (proposals) or employer and candidate
 * (placements) in a subquery per row, about 4× the statement's own cost (`npm run bench -- rls-matching`).
 *
 * - **The employers she speaks for**, computed once (an uncorrelated scalar subquery, an InitPlan): her
 *   organisation's employer row (by organisation number, through its index) when she is an employer's staff, the
 *   municipality-employers of her municipalities when she is municipal HR. What `speaksFor` (common/viewer.ts) says.
 * - **A proposal's employer** is denormalised onto it (`proposals.employer_id`), set by the database from the need's
 *   read model when the proposal is written: a need's employer never changes, and no writer can forget it. The
 *   proposal is then her side's when its employer is one of hers: an array test per row. (A subquery through the
 *   needs read model cannot use an index under its row-level security: `snapshot->>'employerId'` is not leakproof,
 *   so PostgreSQL may not evaluate it ahead of the needs' own policy, and scans every need.)
 * - **A placement** already carries its employer; the coordinators' side is "her area's residents", the candidates
 *   read model's ids of the homes she covers, an uncorrelated `IN` that PostgreSQL hashes once per statement (a
 *   home changes when she moves, so it is not copied onto the placement).
 */
export function sidePolicies(
  schema: string,
  // 1764730000000 decides her area from the placement's own copy of the home instead.
  inHerArea = `candidate_id IN (SELECT h.candidate_id FROM "${schema}".candidates h WHERE ${c.municipalityIn(`(h.profile->>'homeMunicipality')`)})`,
): Readonly<Record<'proposals' | 'placements', RlsRule>> {
  const employerSide = `(${c.hasRole('employer')} OR ${c.hasRole('municipal-hr')})`;
  const herEmployers = `(SELECT e.employer_id FROM "${schema}".employers e
      WHERE (${c.hasRole('employer')} AND e.organisation_number = ${c.organisationKey('employer')})
         OR (e.is_municipality AND ${c.hasRole('municipal-hr')} AND ${c.municipalityIn('e.municipality_code')}))`;
  // A CASE on her role rather than an OR of role tests: the same answer, with the subqueries only for the side she
  // is on, and an estimate PostgreSQL cannot misjudge (an OR of tests on runtime settings it guesses to pass one row
  // in ten, and then sorts a whole review queue for a coordinator instead of reading its index in order).
  return {
    proposals: {
      kind: 'owned',
      visible: `(CASE WHEN ${c.hasRole('coordinator')} THEN true WHEN ${employerSide} THEN employer_id IN ${herEmployers} ELSE false END)`,
    },
    placements: {
      kind: 'owned',
      visible:
        `(CASE WHEN ${employerSide} AND employer_id IN ${herEmployers} THEN true ` +
        `WHEN ${c.hasRole('coordinator')} THEN ${inHerArea} ELSE false END)`,
    },
  };
}

export class SidePoliciesOncePerStatement1764620000000 implements MigrationInterface {
  name = 'SidePoliciesOncePerStatement1764620000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".proposals ADD COLUMN employer_id uuid`);
    // Always the need's: a writer can neither leave it out nor name another employer (WITH CHECK sees the row after it).
    await q.query(`CREATE FUNCTION "${schema}".proposal_employer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.employer_id := (SELECT (n.snapshot->>'employerId')::uuid FROM "${schema}".needs n WHERE n.need_id = NEW.need_id);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER proposals_employer BEFORE INSERT OR UPDATE OF need_id, employer_id ON "${schema}".proposals
      FOR EACH ROW EXECUTE FUNCTION "${schema}".proposal_employer()`);
    // The proposals of before get theirs through the trigger, as the service (an owner that is no superuser is under
    // the forced policies too).
    await q.query(`SELECT set_config('${SERVICE_SETTING}', '${SERVICE_NAME}', true)`);
    await q.query(`UPDATE "${schema}".proposals SET employer_id = NULL`);
    await q.query(`SELECT set_config('${SERVICE_SETTING}', '', true)`);
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, sidePolicies(schema));
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    const before = matchingRls(schema);
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, { proposals: before.proposals, placements: before.placements });
    await q.query(`DROP TRIGGER IF EXISTS proposals_employer ON "${schema}".proposals`);
    await q.query(`DROP FUNCTION IF EXISTS "${schema}".proposal_employer()`);
    await q.query(`ALTER TABLE "${schema}".proposals DROP COLUMN IF EXISTS employer_id`);
  }
}
