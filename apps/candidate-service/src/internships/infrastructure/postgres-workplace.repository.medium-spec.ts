import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { candidateDatabase } from '../../../test/candidate-database';
import { PostgresWorkplaceRepository } from './postgres-workplace.repository';

const workplaces = new PostgresWorkplaceRepository();

describe(PostgresWorkplaceRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await candidateDatabase();
  });
  afterAll(() => db.close());

  it('knows a workplace only once it is recorded, and keeps its latest name, municipality and organisation number', async () => {
    const workplaceId = randomUUID();
    expect(await db.transaction((em) => workplaces.exists(em, workplaceId))).toBe(false);

    await db.transaction((em) =>
      workplaces.record(em, { workplaceId, name: 'Skövde kommun', municipalityCode: '1496', organisationNumber: '212000-1660' }),
    );
    await db.transaction((em) =>
      workplaces.record(em, {
        workplaceId,
        name: 'Skövde kommun, barn- och utbildning',
        municipalityCode: '1496',
        organisationNumber: '212000-1661',
      }),
    );

    expect(await db.transaction((em) => workplaces.exists(em, workplaceId))).toBe(true);
    expect(
      await db.query(`SELECT name, municipality_code, organisation_number FROM candidate.workplaces WHERE workplace_id = $1`, [
        workplaceId,
      ]),
    ).toEqual([{ name: 'Skövde kommun, barn- och utbildning', municipality_code: '1496', organisation_number: '212000-1661' }]);
  });
});
