import { NeedClosedV1, NeedUpdatedV1 } from '@jobbspar/contracts';
import { PermanentEventError } from '@jobbspar/messaging';
import { JsonLogger } from '@jobbspar/platform';
import { fakeWorld, NEED_EMPLOYER_ID, NEED_ID, postedNeed, rejectionOf } from '../../../../../test/fakes';
import { Need } from '../../../domain/need';
import { NeedNotOpenForPlacementError, PlacementEmployerMismatchError } from '../../../domain/need.errors';
import { RecordPlacementCommand } from './record-placement.command';
import { RecordPlacementHandler } from './record-placement.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const CTX = { actor: 'matching-service', correlationId: 'corr-match-1', causationId: 'evt-placement-started-1' };
const PLACEMENT_ID = '99999999-9999-4999-8999-999999999999';

function setup(need: Need | null = postedNeed()) {
  const world = fakeWorld(NOW);
  if (need) world.needs.seed(need);
  const handler = new RecordPlacementHandler(world.needs, world.outbox, world.clock);
  // The consumer pipeline runs the command inside the inbox transaction of the event.
  const record = (placement: Partial<RecordPlacementCommand['placement']> = {}) =>
    world.dataSource.transaction((em) =>
      handler.execute(
        new RecordPlacementCommand({ placementId: PLACEMENT_ID, needId: NEED_ID, employerId: NEED_EMPLOYER_ID, ...placement }, em, CTX),
      ),
    );
  return { ...world, record };
}

describe(RecordPlacementHandler.name, () => {
  const logged: Record<string, unknown>[] = [];
  const sink = JsonLogger.sink;
  beforeEach(() => {
    logged.length = 0;
    JsonLogger.sink = (line) => logged.push(JSON.parse(line) as Record<string, unknown>);
  });
  afterEach(() => {
    JsonLogger.sink = sink;
  });

  it('takes one position of an open need and appends NeedUpdated in the inbox transaction', async () => {
    const { record, needs, outbox, dataSource } = setup(postedNeed({ positions: 2 }));

    expect(await record()).toBe('applied');

    expect(needs.stored(NEED_ID)).toMatchObject({ positionsFilled: 1, status: 'open', revision: 2, updatedAt: NOW });
    expect(needs.locked).toEqual([NEED_ID]);
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(NeedUpdatedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toMatchObject({ needId: NEED_ID, revision: 2, positions: 2, positionsFilled: 1, status: 'open' });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: NEED_ID,
      aggregateVersion: 2,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
      causationId: CTX.causationId,
    });
  });

  it('fills the need with its last position and appends NeedClosed as filled', async () => {
    const { record, needs, outbox } = setup(postedNeed({ positions: 1 }));

    expect(await record()).toBe('applied');

    expect(needs.stored(NEED_ID)).toMatchObject({ positionsFilled: 1, status: 'filled', closeReason: 'positions-filled', revision: 2 });
    expect(outbox.appended.map((e) => e.contract)).toEqual([NeedClosedV1]);
    expect(outbox.appended[0].payload).toEqual({ needId: NEED_ID, revision: 2, status: 'filled', reason: 'positions-filled' });
    expect(outbox.appended[0].envelope.aggregateVersion).toBe(2);
  });

  it('leaves a need closed meanwhile as it is: the placement is ignored, nothing stored or appended', async () => {
    const need = postedNeed();
    need.close('withdrawn', NOW);
    const { record, needs, outbox } = setup(need);
    const before = needs.stored(NEED_ID);

    expect(await record()).toBe('ignored');

    expect(needs.stored(NEED_ID)).toEqual(before);
    expect(needs.writes).toEqual([]);
    expect(outbox.appended).toEqual([]);
    expect(logged).toEqual([expect.objectContaining({ level: 'warn', needId: NEED_ID, placementId: PLACEMENT_ID, status: 'closed' })]);
  });

  describe('rejects, storing and appending nothing', () => {
    it('a need it does not know, as a permanent event error (dead-letter)', async () => {
      const { record, needs, outbox } = setup(null);

      const error = await rejectionOf(record());

      expect(error).toBeInstanceOf(PermanentEventError);
      expect(error.message).toContain(NEED_ID);
      expect(needs.rows.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });

    it('a placement naming another employer than the need has', async () => {
      const { record, needs, outbox } = setup();
      const before = needs.stored(NEED_ID);

      const error = await rejectionOf(record({ employerId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' }));

      expect(error).toBeInstanceOf(PlacementEmployerMismatchError);
      expect(error.code).toBe('PLACEMENT_EMPLOYER_MISMATCH');
      expect(needs.stored(NEED_ID)).toEqual(before);
      expect(outbox.appended).toEqual([]);
    });

    it('a placement on a draft, which matching never saw', async () => {
      const { record, needs, outbox } = setup(postedNeed({ publish: false }));
      const before = needs.stored(NEED_ID);

      const error = await rejectionOf(record());

      expect(error).toBeInstanceOf(NeedNotOpenForPlacementError);
      expect(error.code).toBe('NEED_NOT_OPEN_FOR_PLACEMENT');
      expect(needs.stored(NEED_ID)).toEqual(before);
      expect(outbox.appended).toEqual([]);
    });
  });
});
