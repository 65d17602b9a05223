import { fakeEntityManager } from '@jobbspar/testing';
import { candidateWorld } from '../../../../../test/fakes';
import { NeedChange, RecordNeedCommand } from './record-need.command';
import { RecordNeedHandler } from './record-need.handler';

const NEED_ID = '66666666-6666-4666-8666-666666666666';
const ROLE_ID = '55555555-5555-4555-8555-555555555555';
const SNAPSHOT: NeedChange = {
  kind: 'snapshot',
  needId: NEED_ID,
  revision: 2,
  status: 'open',
  roleId: ROLE_ID,
  workplaceMunicipality: '1496',
  tasks: [{ taskId: 'kitchen.serve-lunch', requiredLevel: 2, weight: 'must-have' }],
  positions: 3,
  positionsFilled: 1,
};

function setup() {
  const { roleAndNeeds } = candidateWorld();
  const handler = new RecordNeedHandler(roleAndNeeds);
  const record = (change: NeedChange) => handler.execute(new RecordNeedCommand(change, fakeEntityManager(true)));
  return { roleAndNeeds, record };
}

describe(RecordNeedHandler.name, () => {
  it('records a snapshot with the positions still open', async () => {
    const { roleAndNeeds, record } = setup();

    await record(SNAPSHOT);

    expect(roleAndNeeds.needs.get(NEED_ID)).toEqual({
      needId: NEED_ID,
      revision: 2,
      status: 'open',
      roleId: ROLE_ID,
      workplaceMunicipality: '1496',
      tasks: [{ taskId: 'kitchen.serve-lunch', requiredLevel: 2, weight: 'must-have' }],
      positionsLeft: 2,
    });
  });

  it('never counts fewer than no positions left, even when more were filled than offered', async () => {
    const { roleAndNeeds, record } = setup();

    await record({ ...SNAPSHOT, positions: 1, positionsFilled: 2 } as NeedChange);

    expect(roleAndNeeds.needs.get(NEED_ID)?.positionsLeft).toBe(0);
  });

  it('records a close by its revision, so that it wins over the older snapshot it overtook', async () => {
    const { roleAndNeeds, record } = setup();

    await record({ kind: 'closed', needId: NEED_ID, revision: 3, status: 'closed' });
    await record(SNAPSHOT);

    expect(roleAndNeeds.needs.get(NEED_ID)).toMatchObject({ revision: 3, status: 'closed' });
  });
});
