import { reapplyRowLevelSecurity, rlsConditions, SERVICE_SETTING } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';
import { sidePolicies } from './1764620000000-side-policies-once-per-statement';

const c = rlsConditions(SERVICE_NAME);

/**
 * A placement carries its candidate's home municipality (`placements.candidate_home`), kept by the database from the
 * candidates read model, so that the coordinators' side of the placements policy is an array test per row instead
 * of a second pass over every candidate in her area (the hashed `IN` of 1764620000000: a coordinator's placements
 * cost 2.4× the owner's same statement, `npm run bench -- rls-matching`). It says the same as before:
 * - on insert, and on any write naming a candidate or a home, the home is read from the candidate's row (a writer
 *   can neither leave it out nor name another);
 * - when her home changes in the read model (she moved), her placements follow, in the same statement;
 * - when her row goes (erasure), the home goes: a placement of no known resident is in no coordinator's area, as it
 *   was when the policy looked her up.
 * A copy rather than the lookup because the home is not leakproof-indexable under the candidates' own policy.
 */
export class PlacementsCarryHome1764730000000 implements MigrationInterface {
  name = 'PlacementsCarryHome1764730000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".placements ADD COLUMN candidate_home text`);
    await q.query(`CREATE FUNCTION "${schema}".placement_home() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.candidate_home := (SELECT h.profile->>'homeMunicipality' FROM "${schema}".candidates h WHERE h.candidate_id = NEW.candidate_id);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER placements_home BEFORE INSERT OR UPDATE OF candidate_id, candidate_home ON "${schema}".placements
      FOR EACH ROW EXECUTE FUNCTION "${schema}".placement_home()`);
    // Her placements follow her row (the placements trigger above reads the home back from it: the same value).
    await q.query(`CREATE FUNCTION "${schema}".candidate_home_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "${schema}".placements SET candidate_home = NULL WHERE candidate_id = OLD.candidate_id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER candidates_home_moved AFTER UPDATE OF profile ON "${schema}".candidates
      FOR EACH ROW WHEN (OLD.profile->>'homeMunicipality' IS DISTINCT FROM NEW.profile->>'homeMunicipality')
      EXECUTE FUNCTION "${schema}".candidate_home_changed()`);
    await q.query(`CREATE TRIGGER candidates_home_gone AFTER DELETE ON "${schema}".candidates
      FOR EACH ROW EXECUTE FUNCTION "${schema}".candidate_home_changed()`);
    // The placements of before get theirs through the trigger, as the service (the owner is under the forced policies).
    await q.query(`SELECT set_config('${SERVICE_SETTING}', '${SERVICE_NAME}', true)`);
    await q.query(`UPDATE "${schema}".placements SET candidate_home = NULL`);
    await q.query(`SELECT set_config('${SERVICE_SETTING}', '', true)`);
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, {
      placements: sidePolicies(schema, c.municipalityIn('candidate_home')).placements,
    });
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await reapplyRowLevelSecurity(q, schema, SERVICE_NAME, { placements: sidePolicies(schema).placements });
    await q.query(`DROP TRIGGER IF EXISTS candidates_home_gone ON "${schema}".candidates`);
    await q.query(`DROP TRIGGER IF EXISTS candidates_home_moved ON "${schema}".candidates`);
    await q.query(`DROP FUNCTION IF EXISTS "${schema}".candidate_home_changed()`);
    await q.query(`DROP TRIGGER IF EXISTS placements_home ON "${schema}".placements`);
    await q.query(`DROP FUNCTION IF EXISTS "${schema}".placement_home()`);
    await q.query(`ALTER TABLE "${schema}".placements DROP COLUMN IF EXISTS candidate_home`);
  }
}
