import type { MediumDatabase } from '@jobbspar/testing';
import { employerDatabase } from '../../../test/employer-database';
import { PostgresShortageOverrideRepository } from './postgres-shortage-override.repository';

const overrides = new PostgresShortageOverrideRepository();
const AT = new Date('2030-01-10T08:00:00Z');

describe(PostgresShortageOverrideRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await employerDatabase();
  });
  afterAll(() => db.close());

  it('keeps one override per county and occupation, the latest winning, listed by county then occupation', async () => {
    await db.transaction(async (em) => {
      await overrides.upsert(em, { countyCode: '14', ssyk: '9412', shortage: true, setBy: 'admin:a', setAt: AT });
      await overrides.upsert(em, { countyCode: '12', ssyk: '9412', shortage: true, setBy: 'admin:a', setAt: AT });
      await overrides.upsert(em, { countyCode: '14', ssyk: '5311', shortage: true, setBy: 'admin:a', setAt: AT });
    });
    const later = new Date('2030-02-01T08:00:00Z');
    await db.transaction((em) => overrides.upsert(em, { countyCode: '14', ssyk: '9412', shortage: false, setBy: 'admin:b', setAt: later }));

    expect(await db.transaction((em) => overrides.all(em))).toEqual([
      { countyCode: '12', ssyk: '9412', shortage: true, setBy: 'admin:a', setAt: AT },
      { countyCode: '14', ssyk: '5311', shortage: true, setBy: 'admin:a', setAt: AT },
      { countyCode: '14', ssyk: '9412', shortage: false, setBy: 'admin:b', setAt: later },
    ]);
    expect(await db.transaction((em) => overrides.forCounty(em, '14'))).toEqual(
      expect.arrayContaining([
        { countyCode: '14', ssyk: '5311', shortage: true },
        { countyCode: '14', ssyk: '9412', shortage: false },
      ]),
    );
    expect(await db.transaction((em) => overrides.forCounty(em, '14'))).toHaveLength(2);
  });

  it('removes an override and says whether there was one', async () => {
    await db.transaction((em) => overrides.upsert(em, { countyCode: '13', ssyk: '9111', shortage: true, setBy: 'admin:a', setAt: AT }));

    expect(await db.transaction((em) => overrides.remove(em, '13', '9111'))).toBe(true);
    expect(await db.transaction((em) => overrides.remove(em, '13', '9111'))).toBe(false);
    expect(await db.transaction((em) => overrides.forCounty(em, '13'))).toEqual([]);
  });
});
