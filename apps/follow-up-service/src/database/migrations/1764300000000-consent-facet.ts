import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA } from '../../config/env';

/**
 * Matching consent as its own facet with its own revision: a ConsentChanged shares the candidate's revision counter
 * with her registration and profile updates, so it may arrive before her registration (another partition order on a
 * replay, a redelivery) and an update of her row would find nothing; a profile update arriving after a newer consent
 * change must not take the consent back either.
 */
export class ConsentFacet1764300000000 implements MigrationInterface {
  name = 'ConsentFacet1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    await q.query(`
      CREATE TABLE ${s}.consents (
        candidate_id uuid PRIMARY KEY,
        revision integer NOT NULL,
        given boolean NOT NULL
      )`);
    await q.query(
      `INSERT INTO ${s}.consents (candidate_id, revision, given) SELECT candidate_id, revision, matching_consent FROM ${s}.persons`,
    );
    await q.query(`ALTER TABLE ${s}.persons DROP COLUMN matching_consent`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${SCHEMA}"`;
    await q.query(`ALTER TABLE ${s}.persons ADD COLUMN matching_consent boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE ${s}.persons p SET matching_consent = c.given FROM ${s}.consents c WHERE c.candidate_id = p.candidate_id`);
    await q.query(`DROP TABLE ${s}.consents`);
  }
}
