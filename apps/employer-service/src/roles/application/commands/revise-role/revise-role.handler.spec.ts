import { RoleVersionedV1 } from '@jobbspar/contracts';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { Role } from '../../../domain/role';
import { RoleCompositionInput } from '../../../domain/role-composition';
import { InvalidRoleCompositionError, RoleNotFoundError, StandardRoleNotEditableError } from '../../../domain/role.errors';
import { ReviseRoleCommand } from './revise-role.command';
import { ReviseRoleHandler } from './revise-role.handler';

const T1 = new Date('2030-01-05T08:00:00Z');
const NOW = new Date('2030-01-10T08:00:00Z');
const ROLE_ID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const STANDARD_ID = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
const SKOVDE = { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', isMunicipality: true, countyCode: '14' };
const CTX = { actor: 'employer:hr-1', correlationId: 'corr-revise-1' };

const composition: RoleCompositionInput = {
  name: 'Serviceassistent',
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'nice-to-have' },
  ],
};
const revised: RoleCompositionInput = { ...composition, tasks: [{ ...composition.tasks[0], requiredLevel: 3 }] };

function setup() {
  const world = fakeWorld(NOW);
  world.roles.seed(Role.compose(ROLE_ID, SKOVDE, composition, T1).role);
  world.roles.seed(Role.standard(STANDARD_ID, '9412', T1).role);
  const handler = new ReviseRoleHandler(world.dataSource.asDataSource(), world.roles, world.outbox, world.clock);
  const revise = (input: RoleCompositionInput, roleId = ROLE_ID) => handler.execute(new ReviseRoleCommand(roleId, input, CTX));
  return { ...world, revise };
}

describe(ReviseRoleHandler.name, () => {
  it('stores a changed composition as the next version, keeps the old one, and appends RoleVersioned', async () => {
    const { revise, roles, outbox, dataSource } = setup();

    expect(await revise(revised)).toEqual({ version: 2, changed: true });

    const versions = roles.rows.get(ROLE_ID)?.versions ?? [];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({ createdAt: T1, tasks: [expect.objectContaining({ requiredLevel: 2 }), expect.anything()] });
    expect(versions[1]).toMatchObject({
      createdAt: NOW,
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 3, weight: 'must-have' }],
    });
    expect(roles.locked).toEqual([ROLE_ID]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(RoleVersionedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toMatchObject({
      roleId: ROLE_ID,
      version: 2,
      employerId: SKOVDE.id,
      kind: 'composed',
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 3, weight: 'must-have' }],
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: ROLE_ID,
      aggregateVersion: 2,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('answers an unchanged composition with the latest version, storing and appending nothing', async () => {
    const { revise, roles, outbox } = setup();
    await revise(revised);
    outbox.appended = [];

    expect(await revise({ ...revised, name: ' Serviceassistent ' })).toEqual({ version: 2, changed: false });

    expect(roles.rows.get(ROLE_ID)?.versions).toHaveLength(2);
    expect(outbox.appended).toEqual([]);
  });

  describe('rejects, storing and appending nothing', () => {
    it.each([
      ['an unknown role', 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', revised, RoleNotFoundError, 'ROLE_NOT_FOUND'],
      ['a standard role', STANDARD_ID, revised, StandardRoleNotEditableError, 'STANDARD_ROLE_NOT_EDITABLE'],
      ['a composition with no tasks', ROLE_ID, { ...composition, tasks: [] }, InvalidRoleCompositionError, 'INVALID_ROLE_COMPOSITION'],
    ] as const)('%s', async (_case, roleId, input, errorClass, code) => {
      const { revise, roles, outbox } = setup();

      const error = await rejectionOf(revise(input, roleId));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect([...roles.rows.values()].map((r) => r.versions.length)).toEqual([1, 1]);
      expect(outbox.appended).toEqual([]);
    });

    it("names the path's id of an unknown role", async () => {
      const { revise } = setup();

      expect((await rejectionOf(revise(revised, 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'))).message).toMatch(/^id: /);
    });
  });
});
