import { createHmac, randomBytes } from 'node:crypto';
import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Erasure tombstones without her id. After an erasure a service must still recognise the erased candidate (a
 * redelivered or late event about her must not bring her back: exactly-once effects outlive the inbox rows that
 * erasure deletes), yet no row may keep her pseudonymous id. So a tombstone holds a tag: HMAC-SHA256 of the id under
 * a random key of the service's own schema. Why keyed and not a plain hash: a plain SHA-256 of an id is the same in
 * every database and anywhere else it is computed, so a copied tombstone list could be matched against ids seen
 * elsewhere (an old log, a Kafka record); a tag means something only next to this schema's key. Why the key lives in
 * the database (`<schema>.erasure_key`, made by the migration) and not in the environment: it must never be lost or
 * changed apart from the tags (a restore, a new replica, a forgotten variable), since a key that no longer matches
 * its tags would let a redelivered registration resurrect every erased candidate. Its cost: whoever reads the key and
 * already holds her id can confirm that she was erased here, which the CandidateErased record on the topic says anyway.
 */
export async function createErasureKey(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".erasure_key (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      key bytea NOT NULL
    )`);
  await queryRunner.query(`INSERT INTO "${schema}".erasure_key (key) VALUES ($1)`, [randomBytes(32)]);
}

export async function dropErasureKey(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}".erasure_key`);
}

/** The tag of one id under a key (ids are compared lower case, as PostgreSQL prints a uuid). */
export function erasureTag(key: Buffer, subjectId: string): string {
  return createHmac('sha256', key).update(subjectId.toLowerCase()).digest('base64url');
}

type Executor = Pick<EntityManager, 'query'> | QueryRunner;

/** Computes the tags of one schema; the key is read once (it never changes). */
export class ErasureTags {
  private key?: Promise<Buffer>;

  constructor(private readonly schema: string) {}

  async tag(em: Executor, subjectId: string): Promise<string> {
    return erasureTag(await this.keyOf(em), subjectId);
  }

  /** Tag of each id, in the order given. */
  async tags(em: Executor, subjectIds: readonly string[]): Promise<string[]> {
    if (subjectIds.length === 0) return [];
    const key = await this.keyOf(em);
    return subjectIds.map((id) => erasureTag(key, id));
  }

  private keyOf(em: Executor): Promise<Buffer> {
    this.key ??= (async () => {
      const rows: { key: Buffer }[] = await em.query(`SELECT key FROM "${this.schema}".erasure_key`);
      if (rows.length !== 1) throw new Error(`${this.schema}.erasure_key holds no key: run the migrations`);
      return rows[0].key;
    })();
    // A failed read (a transaction that went away) is not remembered.
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }
}
