import { RoleDefinedV1, RoleVersionedV1 } from '@jobbspar/contracts';
import { standardRoleTasks, TAXONOMY_VERSION } from '@jobbspar/taxonomy';
import { UnknownOccupationError } from '../../../../taxonomy/domain/taxonomy.errors';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { Role } from '../../../domain/role';
import { DefineStandardRoleCommand } from './define-standard-role.command';
import { DefineStandardRoleHandler } from './define-standard-role.handler';

const T1 = new Date('2029-06-01T08:00:00Z');
const NOW = new Date('2030-01-10T08:00:00Z');
const EXISTING_ID = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
const CTX = { actor: 'admin:1', correlationId: 'corr-standard-1' };
const SSYK = '5321';

function setup() {
  const world = fakeWorld(NOW);
  const handler = new DefineStandardRoleHandler(world.dataSource.asDataSource(), world.roles, world.outbox, world.clock);
  const define = (ssyk = SSYK) => handler.execute(new DefineStandardRoleCommand(ssyk, CTX));
  return { ...world, define };
}

/** The occupation's standard role as an older taxonomy had it: one task fewer, another name. */
function outdatedStandardRole(): Role {
  return Role.restore({
    id: EXISTING_ID,
    kind: 'standard',
    employerId: null,
    ssyk: SSYK,
    tenant: 'se',
    versions: [
      {
        version: 1,
        name: 'Undersköterskor',
        occupations: [SSYK],
        tasks: standardRoleTasks(SSYK).slice(0, 1),
        taxonomyVersion: '2020.1',
        createdAt: T1,
      },
    ],
  });
}

describe(DefineStandardRoleHandler.name, () => {
  it("creates the occupation's national standard role at version 1 and appends RoleDefined", async () => {
    const { define, roles, outbox, dataSource } = setup();

    const { roleId, created } = await define();

    expect(created).toBe(true);
    expect(roles.rows.get(roleId)).toMatchObject({ kind: 'standard', ssyk: SSYK, employerId: null, tenant: 'se' });
    expect(roles.rows.get(roleId)?.versions).toEqual([
      expect.objectContaining({ version: 1, occupations: [SSYK], tasks: standardRoleTasks(SSYK), createdAt: NOW }),
    ]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(RoleDefinedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toMatchObject({ roleId, version: 1, kind: 'standard', occupations: [SSYK], taxonomyVersion: TAXONOMY_VERSION });
    expect(event.payload).not.toHaveProperty('employerId');
    expect(event.envelope).toMatchObject({
      tenant: 'se',
      aggregateId: roleId,
      aggregateVersion: 1,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('serialises requests for one occupation by locking it before looking for its standard role', async () => {
    const { define, roles } = setup();
    const lock = jest.spyOn(roles, 'lockStandardRole');
    const find = jest.spyOn(roles, 'findStandardBySsyk');

    await define();

    expect(roles.standardLocks).toEqual([SSYK]);
    expect(lock.mock.invocationCallOrder[0]).toBeLessThan(find.mock.invocationCallOrder[0]);
  });

  it('returns the existing standard role when asked again, storing and appending nothing more', async () => {
    const { define, roles, outbox } = setup();
    const first = await define();
    outbox.appended = [];

    expect(await define()).toEqual({ roleId: first.roleId, created: false });

    expect(roles.rows.size).toBe(1);
    expect(roles.rows.get(first.roleId)?.versions).toHaveLength(1);
    expect(outbox.appended).toEqual([]);
  });

  it('gives an existing standard role a new version when the taxonomy has changed it, and appends RoleVersioned', async () => {
    const { define, roles, outbox } = setup();
    roles.seed(outdatedStandardRole());

    expect(await define()).toEqual({ roleId: EXISTING_ID, created: false });

    expect(roles.locked).toEqual([EXISTING_ID]);
    const versions = roles.rows.get(EXISTING_ID)?.versions ?? [];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]).toMatchObject({ tasks: standardRoleTasks(SSYK), taxonomyVersion: TAXONOMY_VERSION, createdAt: NOW });
    expect(outbox.appended.map((e) => e.contract)).toEqual([RoleVersionedV1]);
    expect(outbox.appended[0].payload).toMatchObject({ roleId: EXISTING_ID, version: 2, kind: 'standard' });
    expect(outbox.appended[0].envelope).toMatchObject({ tenant: 'se', aggregateId: EXISTING_ID, aggregateVersion: 2 });
  });

  it('rejects an unknown occupation before opening a transaction, storing and appending nothing', async () => {
    const { define, roles, outbox, dataSource } = setup();

    const error = await rejectionOf(define('0001'));

    expect(error).toBeInstanceOf(UnknownOccupationError);
    expect(error.code).toBe('UNKNOWN_OCCUPATION');
    expect(error.message).toMatch(/^ssyk: /);
    expect(dataSource.transactions).toEqual([]);
    expect(roles.rows.size).toBe(0);
    expect(outbox.appended).toEqual([]);
  });
});
