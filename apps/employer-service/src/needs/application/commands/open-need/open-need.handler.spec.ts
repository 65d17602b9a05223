import { NeedPostedV1 } from '@jobbspar/contracts';
import { fakeWorld, NEED_ID, postedNeed, rejectionOf } from '../../../../../test/fakes';
import { Need } from '../../../domain/need';
import { NeedNotDraftError, NeedNotFoundError, StartDateInPastError } from '../../../domain/need.errors';
import { NeedPolicyFactory } from '../../need-policy';
import { OpenNeedCommand } from './open-need.command';
import { OpenNeedHandler } from './open-need.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const CTX = { actor: 'employer:hr-1', correlationId: 'corr-open-1' };

function setup(need: Need | null = postedNeed({ publish: false })) {
  const world = fakeWorld(NOW);
  if (need) world.needs.seed(need);
  const handler = new OpenNeedHandler(
    world.dataSource.asDataSource(),
    world.needs,
    new NeedPolicyFactory(world.clock, world.overrides),
    world.outbox,
  );
  const open = () => handler.execute(new OpenNeedCommand(NEED_ID, CTX));
  return { ...world, open };
}

describe(OpenNeedHandler.name, () => {
  it('opens a draft as its next revision and appends NeedPosted then', async () => {
    const { open, needs, outbox, dataSource } = setup();

    await open();

    expect(needs.stored(NEED_ID)).toMatchObject({ status: 'open', revision: 2, postedAt: NOW, updatedAt: NOW });
    expect(needs.locked).toEqual([NEED_ID]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(NeedPostedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toMatchObject({ needId: NEED_ID, revision: 2, status: 'open', positions: 2, countyCode: '14' });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: NEED_ID,
      aggregateVersion: 2,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it("judges shortage as of opening, with the overrides of the need's county", async () => {
    const { open, needs, outbox, overrides } = setup();
    overrides.seed({ countyCode: '14', ssyk: '9412', shortage: true });

    await open();

    expect(needs.stored(NEED_ID).shortage).toBe(true);
    expect(outbox.appended[0].payload).toMatchObject({ shortage: true });
  });

  describe('rejects, storing and appending nothing', () => {
    it.each([
      ['an unknown need', null, NeedNotFoundError, 'NEED_NOT_FOUND'],
      ['a need that is already open', postedNeed(), NeedNotDraftError, 'NEED_NOT_DRAFT'],
      [
        'a draft whose start date has passed meanwhile',
        postedNeed({ publish: false, startDate: '2030-01-08' }),
        StartDateInPastError,
        'START_DATE_IN_PAST',
      ],
    ] as const)('%s', async (_case, need, errorClass, code) => {
      const { open, needs, outbox } = setup(need);
      const before = need ? needs.stored(NEED_ID) : undefined;

      const error = await rejectionOf(open());

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      if (before) expect(needs.stored(NEED_ID)).toEqual(before);
      expect(needs.writes).toEqual([]);
      expect(outbox.appended).toEqual([]);
    });
  });
});
