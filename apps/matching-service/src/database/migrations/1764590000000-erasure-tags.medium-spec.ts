import { erasureTag } from '@jobbspar/messaging';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import { MIGRATIONS } from '../migrations';
import { ErasureTags1764590000000 } from './1764590000000-erasure-tags';

/** Tombstones written before: a `candidates` row at the highest revision, keyed by her id. The migration tags them. */
describe(ErasureTags1764590000000.name, () => {
  let db: MediumDatabase;
  const erased = randomUUID();
  const living = randomUUID();

  beforeAll(async () => {
    db = await matchingDatabase(MIGRATIONS.filter((m) => m !== ErasureTags1764590000000));
    await db.query(
      `INSERT INTO matching.candidates (candidate_id, revision, profile, matching_consent, profile_revision, consent_revision)
       VALUES ($1, 2147483647, NULL, false, 2147483647, 2147483647), ($2, 3, '{}', true, 3, 2)`,
      [erased, living],
    );
    const runner = db.dataSource.createQueryRunner();
    try {
      await new ErasureTags1764590000000().up(runner);
    } finally {
      await runner.release();
    }
  });
  afterAll(() => db.close());

  it("moves each tombstone to her tag under the schema's new key and leaves the living as they were", async () => {
    const [{ key }] = await db.query<{ key: Buffer }>(`SELECT key FROM matching.erasure_key`);
    expect(await db.query(`SELECT tag FROM matching.erasures`)).toEqual([{ tag: erasureTag(key, erased) }]);
    expect(await db.query(`SELECT candidate_id FROM matching.candidates ORDER BY candidate_id`)).toEqual([{ candidate_id: living }]);
    const outbox = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'matching' AND table_name = 'outbox'`,
    );
    expect(outbox.map((c) => c.column_name)).toContain('forget_once_published');
  });
});
