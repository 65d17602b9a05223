import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { employerDatabase, organisationNumber } from '../../../test/employer-database';
import { Employer } from '../../employers/domain/employer';
import { PostgresEmployerRepository } from '../../employers/infrastructure/postgres-employer.repository';
import { Role } from '../domain/role';
import { PostgresRoleRepository } from './postgres-role.repository';

const roles = new PostgresRoleRepository();
const employers = new PostgresEmployerRepository();
const T1 = new Date('2030-01-10T08:00:00Z');
const T2 = new Date('2030-02-01T08:00:00Z');
const composition = {
  name: 'Serviceassistent',
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'nice-to-have' },
  ],
};

describe(PostgresRoleRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await employerDatabase();
  });
  afterAll(() => db.close());

  async function municipality(): Promise<Employer> {
    const employer = Employer.register(
      {
        id: randomUUID(),
        organisationNumber: organisationNumber(2),
        name: 'Skövde kommun',
        sector: 'public',
        municipalityCode: '1496',
        isMunicipality: true,
      },
      T1,
    );
    await db.transaction((em) => employers.insert(em, employer));
    return employer;
  }

  it('reads back a composed role with its versions in order, each as it was frozen', async () => {
    const skovde = await municipality();
    const { role } = Role.compose(randomUUID(), skovde, composition, T1);
    await db.transaction((em) => roles.insert(em, role, T1));
    const loaded = (await db.transaction((em) => roles.findById(em, role.id)))!;
    const change = loaded.revise({ ...composition, name: 'Serviceassistent skola' }, T2)!;

    await db.transaction((em) => roles.addVersion(em, loaded, change.version));

    const reread = (await db.transaction((em) => roles.findById(em, role.id)))!;
    expect(reread.versions.map((v) => [v.version, v.name])).toEqual([
      [1, 'Serviceassistent'],
      [2, 'Serviceassistent skola'],
    ]);
    expect(reread.toProps()).toEqual({ ...role.toProps(), versions: [role.latest, change.version] });
    expect(await db.transaction((em) => roles.findVersion(em, role.id, 1))).toEqual(role.latest);
    expect(await db.transaction((em) => roles.findVersion(em, role.id, 3))).toBeNull();
    expect((await db.query(`SELECT latest_version FROM employer.roles WHERE id = $1`, [role.id]))[0]).toEqual({ latest_version: 2 });
  });

  it('never stores one version number twice', async () => {
    const skovde = await municipality();
    const { role } = Role.compose(randomUUID(), skovde, composition, T1);
    await db.transaction((em) => roles.insert(em, role, T1));

    await expect(db.transaction((em) => roles.addVersion(em, role, role.latest))).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it('finds the one standard role of an occupation, and holds its row with lock', async () => {
    const { role } = Role.standard(randomUUID(), '5311', T1);
    await db.transaction((em) => roles.insert(em, role, T1));

    expect((await db.transaction((em) => roles.findStandardBySsyk(em, '5311')))?.id).toBe(role.id);
    expect(await db.transaction((em) => roles.findStandardBySsyk(em, '9412'))).toBeNull();
    await db.transaction(async (em) => {
      await roles.findStandardBySsyk(em, '5311', { lock: true });
      await expect(db.query(`SELECT 1 FROM employer.roles WHERE id = $1 FOR UPDATE NOWAIT`, [role.id])).rejects.toMatchObject({
        driverError: { code: '55P03' },
      });
    });
    // A twin standard role for the same occupation is refused by the unique index.
    const { role: twin } = Role.standard(randomUUID(), '5311', T1);
    await expect(db.transaction((em) => roles.insert(em, twin, T1))).rejects.toMatchObject({ driverError: { code: '23505' } });
  });

  it('serialises requests for one occupation until the transaction ends', async () => {
    const taken = async (ssyk: string) =>
      (await db.query<{ got: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got`, [`standard-role:${ssyk}`]))[0].got;

    await db.transaction(async (em) => {
      await roles.lockStandardRole(em, '9412');
      expect(await taken('9412')).toBe(false);
      expect(await taken('9111')).toBe(true);
    });
    expect(await taken('9412')).toBe(true);
  });
});
