import { addOutboxForgetOncePublished, createErasureKey, dropErasureKey, erasureTag } from '@jobbspar/messaging';
import { disableRowLevelSecurity, enableRowLevelSecurity, RlsRule } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SERVICE_NAME } from '../../config/env';
import { migrationSchema } from '../migration-schema';

/** As the read models (1764570000000-row-level-security): read by anyone identified, written by the service only. */
export const ERASURE_RLS: Readonly<Record<string, RlsRule>> = { erasures: { kind: 'reference' }, erasure_key: { kind: 'reference' } };

/**
 * Erasure leaves nothing keyed by her id (libs/messaging erasure-tags.ts). The read models' tombstone was her
 * `candidates` row at the highest revision, keyed by her id; it becomes a row of `erasures` keyed by her tag under
 * the schema's own key (the candidates row goes). Outbox rows that name her are deleted once sent.
 */
export class ErasureTags1764590000000 implements MigrationInterface {
  name = 'ErasureTags1764590000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await createErasureKey(q, schema);
    await q.query(`CREATE TABLE "${schema}".erasures (tag text PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())`);
    await enableRowLevelSecurity(q, schema, SERVICE_NAME, ERASURE_RLS);
    // The tombstones are moved as the service: FORCE holds the owner to the read models' policies too.
    await q.query(`SELECT set_config('jobbspar.service', $1, true)`, [SERVICE_NAME]);
    // The tombstones already there: candidates rows at ERASED_REVISION (read-models/domain/projection.ts).
    const [{ key }]: { key: Buffer }[] = await q.query(`SELECT key FROM "${schema}".erasure_key`);
    const erased: { id: string }[] = await q.query(
      `SELECT candidate_id::text AS id FROM "${schema}".candidates WHERE revision = 2147483647`,
    );
    await q.query(`INSERT INTO "${schema}".erasures (tag) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [
      erased.map((r) => erasureTag(key, r.id)),
    ]);
    await q.query(`DELETE FROM "${schema}".candidates WHERE revision = 2147483647`);
    await addOutboxForgetOncePublished(q, schema);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = migrationSchema(q);
    await q.query(`ALTER TABLE "${schema}".outbox DROP COLUMN forget_once_published`);
    await disableRowLevelSecurity(q, schema, Object.keys(ERASURE_RLS));
    await q.query(`DROP TABLE "${schema}".erasures`);
    await dropErasureKey(q, schema);
  }
}
