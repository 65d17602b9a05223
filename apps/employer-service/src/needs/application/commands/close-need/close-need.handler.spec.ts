import { NeedClosedV1 } from '@jobbspar/contracts';
import { fakeWorld, NEED_ID, postedNeed, rejectionOf } from '../../../../../test/fakes';
import { Need, NeedCloseReason } from '../../../domain/need';
import { NeedAlreadyClosedError, NeedNotFoundError } from '../../../domain/need.errors';
import { CloseNeedCommand } from './close-need.command';
import { CloseNeedHandler } from './close-need.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const CTX = { actor: 'employer:hr-1', correlationId: 'corr-close-1' };

function setup(need: Need | null = postedNeed()) {
  const world = fakeWorld(NOW);
  if (need) world.needs.seed(need);
  const handler = new CloseNeedHandler(world.dataSource.asDataSource(), world.needs, world.outbox, world.clock);
  const close = (reason: NeedCloseReason = 'withdrawn') => handler.execute(new CloseNeedCommand(NEED_ID, reason, CTX));
  return { ...world, close };
}

describe(CloseNeedHandler.name, () => {
  it('closes an open need with its reason and appends NeedClosed', async () => {
    const { close, needs, outbox, dataSource } = setup();

    await close('funding-ended');

    expect(needs.stored(NEED_ID)).toMatchObject({ status: 'closed', closeReason: 'funding-ended', revision: 2, updatedAt: NOW });
    expect(needs.locked).toEqual([NEED_ID]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(NeedClosedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({ needId: NEED_ID, revision: 2, status: 'closed', reason: 'funding-ended' });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: NEED_ID,
      aggregateVersion: 2,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('discards a draft without telling anyone', async () => {
    const { close, needs, outbox } = setup(postedNeed({ publish: false }));

    await close();

    expect(needs.stored(NEED_ID)).toMatchObject({ status: 'closed', closeReason: 'withdrawn', revision: 2 });
    expect(outbox.appended).toEqual([]);
  });

  describe('rejects, storing and appending nothing', () => {
    const closed = () => {
      const need = postedNeed();
      need.close('other', NOW);
      return need;
    };
    const filled = () => {
      const need = postedNeed({ positions: 1 });
      need.recordPlacement(NOW);
      return need;
    };

    it.each([
      ['an unknown need', null, NeedNotFoundError, 'NEED_NOT_FOUND'],
      ['a need already closed', closed(), NeedAlreadyClosedError, 'NEED_ALREADY_CLOSED'],
      ['a need already filled', filled(), NeedAlreadyClosedError, 'NEED_ALREADY_CLOSED'],
    ] as const)('%s', async (_case, need, errorClass, code) => {
      const { close, needs, outbox } = setup(need);
      const before = need ? needs.stored(NEED_ID) : undefined;

      const error = await rejectionOf(close());

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      if (before) expect(needs.stored(NEED_ID)).toEqual(before);
      expect(needs.writes).toEqual([]);
      expect(outbox.appended).toEqual([]);
    });
  });
});
