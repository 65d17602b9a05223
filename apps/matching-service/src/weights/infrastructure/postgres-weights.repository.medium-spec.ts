import type { MediumDatabase } from '@jobbspar/testing';
import { matchingDatabase } from '../../../test/matching-database';
import { PostgresWeightsRepository } from './postgres-weights.repository';

const repository = new PostgresWeightsRepository();
const w = (version: string) => ({ version, taskCoverage: 60, interests: 10, shortage: 10, waiting: 10, supportFit: 10 });

describe(PostgresWeightsRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  it("reads every version back per region in order, and one region's history with when it was stored", async () => {
    await db.transaction(async (em) => {
      await repository.insert(em, { version: 'se-14-v1', region: 'se-14', seq: 1, weights: w('se-14-v1'), createdBy: 'admin:a-1' });
      await repository.insert(em, { version: 'se-12-v1', region: 'se-12', seq: 1, weights: w('se-12-v1'), createdBy: 'admin:a-1' });
      await repository.insert(em, { version: 'se-14-v2', region: 'se-14', seq: 2, weights: w('se-14-v2'), createdBy: 'admin:a-2' });
    });

    const all = await db.transaction((em) => repository.all(em));
    const history = await db.transaction((em) => repository.history(em, 'se-14'));

    expect(all).toEqual([
      { region: 'se-12', weights: w('se-12-v1') },
      { region: 'se-14', weights: w('se-14-v1') },
      { region: 'se-14', weights: w('se-14-v2') },
    ]);
    expect(history.map((h) => h.version)).toEqual(['se-14-v1', 'se-14-v2']);
    expect(history[1].weights).toEqual(w('se-14-v2'));
    expect(history[0].createdAt).toBeInstanceOf(Date);
  });

  it('refuses a second version with the same number in a region', async () => {
    await expect(
      db.transaction((em) =>
        repository.insert(em, { version: 'se-13-v1', region: 'se-13', seq: 1, weights: w('se-13-v1'), createdBy: 'a:b' }),
      ),
    ).resolves.toBeUndefined();
    await expect(
      db.transaction((em) =>
        repository.insert(em, { version: 'se-13-vX', region: 'se-13', seq: 1, weights: w('se-13-v1'), createdBy: 'a:b' }),
      ),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it("holds the region's lock until the transaction ends, and only that region's", async () => {
    // Another transaction's try, released when that transaction ends.
    const tryLock = (region: string): Promise<boolean> =>
      db.transaction(async (em) => (await em.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok`, [`weights:${region}`]))[0].ok);

    await db.transaction(async (em) => {
      await repository.lockRegion(em, 'se-14');
      expect(await tryLock('se-14')).toBe(false);
      expect(await tryLock('se-12')).toBe(true);
    });
    expect(await tryLock('se-14')).toBe(true);
  });
});
