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

  it('knows a workplace only once it is recorded, and keeps its latest name and municipality', async () => {
    const workplaceId = randomUUID();
    expect(await db.transaction((em) => workplaces.exists(em, workplaceId))).toBe(false);

    await db.transaction((em) => workplaces.record(em, { workplaceId, name: 'Skövde kommun', municipalityCode: '1496' }));
    await db.transaction((em) =>
      workplaces.record(em, { workplaceId, name: 'Skövde kommun, barn- och utbildning', municipalityCode: '1496' }),
    );

    expect(await db.transaction((em) => workplaces.exists(em, workplaceId))).toBe(true);
    expect(await db.query(`SELECT name, municipality_code FROM candidate.workplaces WHERE workplace_id = $1`, [workplaceId])).toEqual([
      { name: 'Skövde kommun, barn- och utbildning', municipality_code: '1496' },
    ]);
  });
});
