import { erasureTag } from '@jobbspar/messaging';
import { mediumDatabase, type MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { SCHEMA } from '../../config/env';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { ErasureTags1764590000000 } from './1764590000000-erasure-tags';

/** Erasure records written before were keyed by her id; the migration keys them by her tag, keeping the time. */
describe(ErasureTags1764590000000.name, () => {
  let db: MediumDatabase;
  const erased = randomUUID();

  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS.filter((m) => m !== ErasureTags1764590000000) });
    await db.query(`INSERT INTO candidate.erasures (candidate_id, erased_at) VALUES ($1, '2030-01-05T12:00:00Z')`, [erased]);
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new ErasureTags1764590000000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  });
  afterAll(() => db.close());

  it("tags each erasure record under the schema's new key and keeps when it happened", async () => {
    const [{ key }] = await db.query<{ key: Buffer }>(`SELECT key FROM candidate.erasure_key`);
    const rows = await db.query<{ tag: string; erased_at: Date }>(`SELECT * FROM candidate.erasures`);
    expect(rows).toEqual([{ tag: erasureTag(key, erased), erased_at: new Date('2030-01-05T12:00:00Z') }]);
  });
});
