import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '../migration-schema';

/**
 * The read models' jsonb columns held the V1 contract payloads as they arrived. They now hold matching's own
 * shapes: `needs.snapshot` a NeedTerms (what the need asks and offers, and its role's name; id, revision, status, tenant, positions,
 * workplace and occupations live in their columns), `candidates.profile` a CandidateProfile (consent lives in its
 * column). Rows written before are rewritten, so live read models equal what replay rebuilds.
 */
export class ReadModelsOwnShapes1763900600000 implements MigrationInterface {
  name = 'ReadModelsOwnShapes1763900600000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`UPDATE "${schema}".needs SET snapshot = jsonb_build_object(
        'employerId', snapshot->'employerId',
        'roleName', snapshot->'roleName',
        'placementType', snapshot->'placementType',
        'startDate', snapshot->'startDate',
        'tasks', snapshot->'tasks',
        'shortage', snapshot->'shortage',
        'support', snapshot->'support'
      ) WHERE snapshot IS NOT NULL AND snapshot ? 'needId'`);
    await q.query(`UPDATE "${schema}".candidates SET profile = profile - 'candidateId' - 'revision' - 'matchingConsent'
      WHERE profile IS NOT NULL AND profile ? 'candidateId'`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    // Back to payloads the code before this migration reads (the role's id and version and the position
    // counts are not brought back: nothing read them).
    await q.query(`UPDATE "${schema}".needs SET snapshot = snapshot || jsonb_build_object(
        'needId', need_id, 'revision', revision, 'status', status, 'workplaceMunicipality', workplace_municipality,
        'occupations', to_jsonb(occupations), 'countyCode', substr(tenant, 4)
      ) WHERE snapshot IS NOT NULL`);
    await q.query(`UPDATE "${schema}".candidates SET profile = profile || jsonb_build_object(
        'candidateId', candidate_id, 'revision', revision, 'matchingConsent', matching_consent
      ) WHERE profile IS NOT NULL`);
  }
}
