import { NeedUpdatedV1 } from '@jobbspar/contracts';
import { fakeWorld, NEED_ID, postedNeed, rejectionOf } from '../../../../../test/fakes';
import { Need, NeedChanges } from '../../../domain/need';
import {
  EmptyNeedUpdateError,
  InvalidNeedFieldError,
  NeedNotEditableError,
  NeedNotFoundError,
  PositionsBelowFilledError,
  StartDateInPastError,
} from '../../../domain/need.errors';
import { NeedPolicyFactory } from '../../need-policy';
import { UpdateNeedCommand } from './update-need.command';
import { UpdateNeedHandler } from './update-need.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const CTX = { actor: 'employer:hr-1', correlationId: 'corr-update-1' };

function setup(need: Need | null = postedNeed()) {
  const world = fakeWorld(NOW);
  if (need) world.needs.seed(need);
  const handler = new UpdateNeedHandler(
    world.dataSource.asDataSource(),
    world.needs,
    new NeedPolicyFactory(world.clock, world.overrides),
    world.outbox,
  );
  const update = (changes: NeedChanges, needId = NEED_ID) => handler.execute(new UpdateNeedCommand(needId, changes, CTX));
  return { ...world, update };
}

describe(UpdateNeedHandler.name, () => {
  it('stores the change as the next revision and appends NeedUpdated with the new snapshot', async () => {
    const { update, needs, outbox, dataSource } = setup();

    expect(await update({ positions: 3, startDate: '2030-03-01' })).toEqual({ changed: true });

    expect(needs.stored(NEED_ID)).toMatchObject({ positions: 3, startDate: '2030-03-01', revision: 2, updatedAt: NOW, status: 'open' });
    expect(needs.locked).toEqual([NEED_ID]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(NeedUpdatedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toMatchObject({ needId: NEED_ID, revision: 2, positions: 3, startDate: '2030-03-01', status: 'open' });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: NEED_ID,
      aggregateVersion: 2,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('changes nothing and appends nothing when the values are the ones it has', async () => {
    const { update, needs, outbox } = setup();
    const before = needs.stored(NEED_ID);

    expect(await update({ positions: 2, startDate: '2030-02-01', placementType: 'internship' })).toEqual({ changed: false });

    expect(needs.stored(NEED_ID)).toEqual(before);
    expect(needs.writes).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });

  it('stores a change to a draft but publishes nothing', async () => {
    const { update, needs, outbox } = setup(postedNeed({ publish: false }));

    expect(await update({ positions: 5 })).toEqual({ changed: true });

    expect(needs.stored(NEED_ID)).toMatchObject({ positions: 5, revision: 2, status: 'draft' });
    expect(outbox.appended).toEqual([]);
  });

  it("re-judges shortage with today's overrides for the need's county, which alone is a change", async () => {
    const { update, needs, outbox, overrides } = setup();
    overrides.seed({ countyCode: '14', ssyk: '9111', shortage: true });

    expect(await update({ positions: 2 })).toEqual({ changed: true });

    expect(needs.stored(NEED_ID)).toMatchObject({ shortage: true, revision: 2 });
    expect(outbox.appended[0].payload).toMatchObject({ shortage: true, revision: 2 });
  });

  it("ignores overrides of another county's shortage", async () => {
    const { update, outbox, overrides } = setup();
    overrides.seed({ countyCode: '12', ssyk: '9111', shortage: true });

    expect(await update({ positions: 2 })).toEqual({ changed: false });
    expect(outbox.appended).toEqual([]);
  });

  describe('rejects, storing and appending nothing', () => {
    const closed = () => {
      const need = postedNeed();
      need.close('withdrawn', NOW);
      return need;
    };
    const oneFilled = () => Need.restore({ ...postedNeed({ positions: 3 }).toProps(), positionsFilled: 2 });

    it.each([
      ['an unknown need', null, { positions: 3 }, NeedNotFoundError, 'NEED_NOT_FOUND'],
      ['a closed need', closed(), { positions: 3 }, NeedNotEditableError, 'NEED_NOT_EDITABLE'],
      ['no change named', postedNeed(), {}, EmptyNeedUpdateError, 'EMPTY_NEED_UPDATE'],
      ['positions at or below those filled', oneFilled(), { positions: 2 }, PositionsBelowFilledError, 'POSITIONS_BELOW_FILLED'],
      ['positions out of range', postedNeed(), { positions: 1001 }, InvalidNeedFieldError, 'INVALID_NEED_FIELD'],
      ['a start date before today', postedNeed(), { startDate: '2030-01-09' }, StartDateInPastError, 'START_DATE_IN_PAST'],
    ] as const)('%s', async (_case, need, changes, errorClass, code) => {
      const { update, needs, outbox } = setup(need);
      const before = need ? needs.stored(NEED_ID) : undefined;

      const error = await rejectionOf(update(changes));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      if (before) expect(needs.stored(NEED_ID)).toEqual(before);
      expect(needs.writes).toEqual([]);
      expect(outbox.appended).toEqual([]);
    });
  });
});
