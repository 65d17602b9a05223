import { fakeEntityManager } from '@jobbspar/testing';
import { candidateWorld } from '../../../../../test/fakes';
import { RecordRoleVersionCommand } from './record-role-version.command';
import { RecordRoleVersionHandler } from './record-role-version.handler';

const ROLE_ID = '55555555-5555-4555-8555-555555555555';

describe(RecordRoleVersionHandler.name, () => {
  it('keeps of each task only what a job track needs: id, required level, weight', async () => {
    const { roleAndNeeds } = candidateWorld();
    const handler = new RecordRoleVersionHandler(roleAndNeeds);
    const task = { taskId: 'kitchen.serve-lunch', requiredLevel: 2 as const, weight: 'must-have' as const, name: 'Servera lunch' };

    await handler.execute(
      new RecordRoleVersionCommand({ roleId: ROLE_ID, version: 2, name: 'Kock', tasks: [task] }, fakeEntityManager(true)),
    );

    expect(roleAndNeeds.roles.get(`${ROLE_ID}@2`)).toEqual({
      roleId: ROLE_ID,
      version: 2,
      name: 'Kock',
      tasks: [{ taskId: 'kitchen.serve-lunch', requiredLevel: 2, weight: 'must-have' }],
    });
  });
});
