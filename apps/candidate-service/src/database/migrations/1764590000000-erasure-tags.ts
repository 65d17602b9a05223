import { addOutboxForgetOncePublished, createErasureKey, dropErasureKey, erasureTag } from '@jobbspar/messaging';
import { enableRowLevelSecurity, RlsRule } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

/** Read in the erasing coordinator's transaction, as the erasure records are (kind `identified`). */
export const ERASURE_KEY_RLS: Readonly<Record<string, RlsRule>> = { erasure_key: { kind: 'identified' } };

/**
 * Erasure leaves nothing keyed by her id (libs/messaging erasure-tags.ts): the tombstone in `erasures` holds her tag
 * under the schema's own key, and outbox rows that name her are deleted once sent (`forget_once_published`).
 * Not reversible: a tag cannot be turned back into the id it was made of.
 */
export class ErasureTags1764590000000 implements MigrationInterface {
  name = 'ErasureTags1764590000000';

  async up(q: QueryRunner): Promise<void> {
    await createErasureKey(q, SCHEMA);
    await enableRowLevelSecurity(q, SCHEMA, SERVICE_NAME, ERASURE_KEY_RLS);
    // The erasure records already there, keyed by her id until now, as the service (FORCE holds the owner to its policies).
    await q.query(`SELECT set_config('jobbspar.service', $1, true)`, [SERVICE_NAME]);
    const [{ key }]: { key: Buffer }[] = await q.query(`SELECT key FROM "${SCHEMA}".erasure_key`);
    await q.query(`ALTER TABLE "${SCHEMA}".erasures ADD COLUMN tag text`);
    const rows: { id: string }[] = await q.query(`SELECT candidate_id::text AS id FROM "${SCHEMA}".erasures`);
    await q.query(
      `UPDATE "${SCHEMA}".erasures t SET tag = x.tag FROM unnest($1::text[], $2::text[]) AS x(id, tag) WHERE t.candidate_id::text = x.id`,
      [rows.map((r) => r.id), rows.map((r) => erasureTag(key, r.id))],
    );
    await q.query(`ALTER TABLE "${SCHEMA}".erasures DROP COLUMN candidate_id`);
    await q.query(`ALTER TABLE "${SCHEMA}".erasures ALTER COLUMN tag SET NOT NULL`);
    await q.query(`ALTER TABLE "${SCHEMA}".erasures ADD PRIMARY KEY (tag)`);
    await addOutboxForgetOncePublished(q, SCHEMA);
    // Inbox.forget now replaces her id by her tag (it deleted the rows): as the service, whose inbox it is
    // (1764571000000-platform-policies), in the erasing coordinator's transaction.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${SCHEMA}".outbox DROP COLUMN forget_once_published`);
    // The ids are gone: the tombstones cannot be keyed by them again, only emptied.
    await q.query(`DELETE FROM "${SCHEMA}".erasures`);
    await q.query(`ALTER TABLE "${SCHEMA}".erasures DROP CONSTRAINT erasures_pkey`);
    await q.query(`ALTER TABLE "${SCHEMA}".erasures DROP COLUMN tag`);
    await q.query(`ALTER TABLE "${SCHEMA}".erasures ADD COLUMN candidate_id uuid PRIMARY KEY`);
    await dropErasureKey(q, SCHEMA);
  }
}
