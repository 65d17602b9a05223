import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { needInput } from '../../../test/fakes';
import { employerDatabase, organisationNumber } from '../../../test/employer-database';
import { Employer } from '../../employers/domain/employer';
import { PostgresEmployerRepository } from '../../employers/infrastructure/postgres-employer.repository';
import { Role } from '../../roles/domain/role';
import { PostgresRoleRepository } from '../../roles/infrastructure/postgres-role.repository';
import { Need, NeedPolicy } from '../domain/need';
import { PostgresNeedRepository } from './postgres-need.repository';

const roles = new PostgresRoleRepository();
const employers = new PostgresEmployerRepository();
const needs = new PostgresNeedRepository(roles);
const T1 = new Date('2030-01-10T08:00:00Z');
const policy = (now: Date): NeedPolicy => ({ now, today: '2030-01-10', shortage: () => false });

describe(PostgresNeedRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await employerDatabase();
  });
  afterAll(() => db.close());

  /** A municipality, a role it composed and revised once, and a need frozen on version 1 of it. */
  async function posted(): Promise<Need> {
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
    const composition = {
      name: 'Serviceassistent',
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
    };
    const { role } = Role.compose(randomUUID(), employer, composition, T1);
    const revision = role.revise(
      { name: 'Serviceassistent v2', tasks: [{ taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'must-have' }] },
      T1,
    )!;
    await db.transaction(async (em) => {
      await employers.insert(em, employer);
      await roles.insert(em, Role.restore({ ...role.toProps(), versions: [role.versions[0]] }), T1);
      await roles.addVersion(em, role, revision.version);
    });
    const v1 = role.versions[0];
    return Need.post(
      needInput({
        id: randomUUID(),
        employerId: employer.id,
        role: { roleId: role.id, version: 1, name: v1.name, occupations: v1.occupations, tasks: v1.tasks },
      }),
      policy(T1),
    );
  }

  it('reads a need back with the role version it froze, not the role as it is now', async () => {
    const need = await posted();

    await db.transaction((em) => needs.insert(em, need));

    const loaded = (await db.transaction((em) => needs.findById(em, need.id)))!;
    expect(loaded.toProps()).toEqual(need.toProps());
    expect(loaded.toProps().role).toMatchObject({ version: 1, name: 'Serviceassistent' });
    expect(await db.transaction((em) => needs.findById(em, randomUUID()))).toBeNull();
  });

  it('saves a change, and with lock holds the row until the transaction ends', async () => {
    const need = await posted();
    await db.transaction((em) => needs.insert(em, need));

    await db.transaction(async (em) => {
      const locked = (await needs.findById(em, need.id, { lock: true }))!;
      await expect(db.query(`SELECT 1 FROM employer.needs WHERE id = $1 FOR UPDATE NOWAIT`, [need.id])).rejects.toMatchObject({
        driverError: { code: '55P03' },
      });
      locked.close('filled-otherwise', new Date('2030-01-11T08:00:00Z'));
      await needs.save(em, locked);
    });

    expect((await db.transaction((em) => needs.findById(em, need.id)))?.toProps()).toMatchObject({
      status: 'closed',
      revision: need.toProps().revision + 1,
    });
  });
});
