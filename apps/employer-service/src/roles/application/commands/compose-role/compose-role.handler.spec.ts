import { RoleDefinedV1 } from '@jobbspar/contracts';
import { TAXONOMY_VERSION } from '@jobbspar/taxonomy';
import { Employer } from '../../../../employers/domain/employer';
import { EmployerNotFoundError } from '../../../../employers/domain/employer.errors';
import { UnknownTaskError } from '../../../../taxonomy/domain/taxonomy.errors';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { RoleCompositionInput } from '../../../domain/role-composition';
import { EmployerCannotComposeRolesError, InvalidRoleCompositionError } from '../../../domain/role.errors';
import { ComposeRoleCommand } from './compose-role.command';
import { ComposeRoleHandler } from './compose-role.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const SKOVDE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const COMPANY = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CTX = { actor: 'employer:hr-1', correlationId: 'corr-compose-1' };

const composition: RoleCompositionInput = {
  name: 'Serviceassistent',
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'nice-to-have' },
  ],
};

function setup() {
  const world = fakeWorld(NOW);
  const base = { sector: 'public' as const, municipalityCode: '1496' };
  world.employers.seed(
    Employer.register({ ...base, id: SKOVDE, organisationNumber: '212000-1355', name: 'Skövde kommun', isMunicipality: true }, NOW),
  );
  world.employers.seed(
    Employer.register(
      { ...base, id: COMPANY, organisationNumber: '556036-0793', name: 'Bolaget AB', sector: 'private', isMunicipality: false },
      NOW,
    ),
  );
  const handler = new ComposeRoleHandler(world.dataSource.asDataSource(), world.employers, world.roles, world.outbox, world.clock);
  const compose = (employerId = SKOVDE, input: RoleCompositionInput = composition) =>
    handler.execute(new ComposeRoleCommand(employerId, input, CTX));
  return { ...world, compose };
}

describe(ComposeRoleHandler.name, () => {
  it("stores a municipality's composed role at version 1 in its region and appends RoleDefined", async () => {
    const { compose, roles, outbox, dataSource } = setup();

    const { roleId } = await compose();

    expect(roles.rows.get(roleId)).toMatchObject({ id: roleId, kind: 'composed', employerId: SKOVDE, ssyk: null, tenant: 'se-14' });
    expect(roles.rows.get(roleId)?.versions).toEqual([
      expect.objectContaining({ version: 1, name: 'Serviceassistent', occupations: ['9412', '9111'], createdAt: NOW }),
    ]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(RoleDefinedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      roleId,
      version: 1,
      employerId: SKOVDE,
      name: 'Serviceassistent',
      kind: 'composed',
      occupations: ['9412', '9111'],
      tasks: [
        { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
        { taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'nice-to-have' },
      ],
      taxonomyVersion: TAXONOMY_VERSION,
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: roleId,
      aggregateVersion: 1,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('gives every composed role its own id', async () => {
    const { compose, roles } = setup();

    const first = await compose();
    const second = await compose();

    expect(first.roleId).not.toBe(second.roleId);
    expect(roles.rows.size).toBe(2);
  });

  describe('rejects, storing and appending nothing', () => {
    it.each([
      ['an unknown employer', 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', composition, EmployerNotFoundError, 'EMPLOYER_NOT_FOUND'],
      ['an employer that is not a municipality', COMPANY, composition, EmployerCannotComposeRolesError, 'EMPLOYER_CANNOT_COMPOSE_ROLES'],
      [
        'a role with no must-have task',
        SKOVDE,
        { ...composition, tasks: [{ ...composition.tasks[1] }] },
        InvalidRoleCompositionError,
        'INVALID_ROLE_COMPOSITION',
      ],
      [
        'a task the taxonomy does not know',
        SKOVDE,
        { ...composition, tasks: [{ taskId: 'kitchen.juggle', requiredLevel: 2, weight: 'must-have' }] },
        UnknownTaskError,
        'UNKNOWN_TASK',
      ],
    ] as const)('%s', async (_case, employerId, input, errorClass, code) => {
      const { compose, roles, outbox } = setup();

      const error = await rejectionOf(compose(employerId, input));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(roles.rows.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });

    it('names the rule a composition breaks', async () => {
      const { compose } = setup();

      const error = await rejectionOf(compose(SKOVDE, { ...composition, tasks: [{ ...composition.tasks[1] }] }));

      expect(error).toMatchObject({ rule: 'no-must-have' });
    });
  });
});
