import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { employerDatabase, organisationNumber } from '../../../test/employer-database';
import { Employer } from '../domain/employer';
import { PostgresEmployerRepository } from './postgres-employer.repository';

const employers = new PostgresEmployerRepository();
const NOW = new Date('2030-01-10T08:00:00Z');

describe(PostgresEmployerRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await employerDatabase();
  });
  afterAll(() => db.close());

  const register = (over: Partial<Parameters<typeof Employer.register>[0]> = {}) =>
    Employer.register(
      {
        id: randomUUID(),
        organisationNumber: organisationNumber(2),
        name: 'Skövde kommun',
        sector: 'public',
        municipalityCode: '1496',
        isMunicipality: true,
        ...over,
      },
      NOW,
    );

  it('reads back the employer it inserted, and finds it by organisation number', async () => {
    const employer = register();

    await db.transaction((em) => employers.insert(em, employer));

    expect((await db.transaction((em) => employers.findById(em, employer.id)))?.toProps()).toEqual(employer.toProps());
    expect(await db.transaction((em) => employers.findIdByOrganisationNumber(em, employer.toProps().organisationNumber))).toBe(employer.id);
    expect(await db.transaction((em) => employers.findById(em, randomUUID()))).toBeNull();
    expect(await db.transaction((em) => employers.findIdByOrganisationNumber(em, organisationNumber()))).toBeNull();
  });

  it('refuses a second employer with the same organisation number', async () => {
    const first = register();
    await db.transaction((em) => employers.insert(em, first));

    await expect(
      db.transaction((em) => employers.insert(em, register({ organisationNumber: first.toProps().organisationNumber }))),
    ).rejects.toMatchObject({
      driverError: { code: '23505' },
    });
  });
});
