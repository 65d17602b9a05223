import type { MediumDatabase } from '@jobbspar/testing';
import { followUpDatabase } from '../../../test/follow-up-database';
import { PostgresReleaseRepository } from './postgres-release.repository';

const releases = new PostgresReleaseRepository();

describe(PostgresReleaseRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await followUpDatabase();
  });
  afterAll(() => db.close());

  it('freezes a month at its first reading: a later reading gets what was published first, not its own figures', async () => {
    const at = new Date('2030-03-15T08:00:00Z');
    const first = await releases.freeze(db.dataSource, 'se-14', '2030-01', 'outcomes', { placed: 7 }, at);
    const second = await releases.freeze(db.dataSource, 'se-14', '2030-01', 'outcomes', { placed: 9 }, new Date());

    expect(first).toEqual({ placed: 7 });
    expect(second).toEqual({ placed: 7 });
    expect(await releases.find(db.dataSource, 'se-14', '2030-01', 'outcomes')).toEqual({ placed: 7 });
  });

  it('keeps regions, months and reports apart, and finds nothing not yet released', async () => {
    await releases.freeze(db.dataSource, 'se-12', '2030-01', 'outcomes', { placed: 1 }, new Date());
    await releases.freeze(db.dataSource, 'se-12', '2030-01', 'equal-distribution', { cells: [] }, new Date());

    expect(await releases.find(db.dataSource, 'se-12', '2030-01', 'outcomes')).toEqual({ placed: 1 });
    expect(await releases.find(db.dataSource, 'se-12', '2030-01', 'equal-distribution')).toEqual({ cells: [] });
    expect(await releases.find(db.dataSource, 'se-12', '2030-02', 'outcomes')).toBeNull();
  });

  it('lets two concurrent first readings agree on one release', async () => {
    const [a, b] = await Promise.all([
      releases.freeze(db.dataSource, 'se-01', '2030-01', 'outcomes', { placed: 'a' }, new Date()),
      releases.freeze(db.dataSource, 'se-01', '2030-01', 'outcomes', { placed: 'b' }, new Date()),
    ]);
    expect(a).toEqual(b);
  });
});
