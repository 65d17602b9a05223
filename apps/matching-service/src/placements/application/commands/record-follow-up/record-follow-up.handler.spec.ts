import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { PlacementAccess } from '../../placement-access';
import { FollowUpRecordedV1 } from '@jobbspar/contracts';
import { CANDIDATE, fakeWorld, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import { OTHER_PLACEMENT, PLACEMENT, placementProps } from '../../../../../test/placement-fixtures';
import type { FollowUpCheckpoint, FollowUpStatus, PlacementProps } from '../../../domain/placement';
import { PlacementStateConflict } from '../../../domain/placement.errors';
import { GetPlacementHandler } from '../../queries/get-placement/get-placement.handler';
import { GetPlacementQuery } from '../../queries/get-placement/get-placement.query';
import { EndPlacementCommand } from '../end-placement/end-placement.command';
import { EndPlacementHandler } from '../end-placement/end-placement.handler';
import { RecordFollowUpCommand } from './record-follow-up.command';
import { RecordFollowUpHandler } from './record-follow-up.handler';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-placement-01' };
// The recorded day is "today" in Sweden at this instant: 2026-05-20.
const NOW = new Date('2026-05-20T10:00:00Z');

function setup(over: Partial<PlacementProps> = {}) {
  const world = fakeWorld(NOW);
  world.placements.seed(placementProps(over));
  const ds = world.dataSource.asDataSource();
  const handler = new RecordFollowUpHandler(ds, world.placements, world.outbox, world.clock);
  const record = (checkpointDays: FollowUpCheckpoint, status: FollowUpStatus, id = PLACEMENT) =>
    handler.execute(new RecordFollowUpCommand(id, checkpointDays, status, ctx));
  const ender = new EndPlacementHandler(ds, world.placements, world.outbox, world.engine.asEngine());
  const view = new GetPlacementHandler(ds, world.placements, new PlacementAccess(new ReadModelReader(world.readModels)));
  return {
    ...world,
    record,
    end: (endDate: string) => ender.execute(new EndPlacementCommand(PLACEMENT, endDate, 'continued-studies', ctx)),
    get: (id = PLACEMENT) => view.execute(new GetPlacementQuery(id)),
    before: () => structuredClone(world.placements.rows),
  };
}

describe(RecordFollowUpHandler.name, () => {
  it("records a checkpoint on today's Swedish date by the acting user and publishes FollowUpRecorded", async () => {
    const world = setup({ version: 2 });

    await world.record(90, 'in-work');

    expect(world.placements.stored(PLACEMENT).followUps).toEqual([
      { checkpointDays: 90, status: 'in-work', recordedOn: '2026-05-20', recordedBy: ctx.actor },
    ]);
    expect(world.placements.stored(PLACEMENT).version).toBe(3);
    expect((await world.get()).followUps).toEqual([{ checkpointDays: 90, status: 'in-work', recordedOn: '2026-05-20' }]);
    expect(world.outbox.appended.map((e) => e.contract)).toEqual([FollowUpRecordedV1]);
    expect(world.outbox.appended[0].payload).toEqual({
      placementId: PLACEMENT,
      candidateId: CANDIDATE,
      checkpointDays: 90,
      status: 'in-work',
      recordedOn: '2026-05-20',
    });
    expect(world.outbox.appended[0].ctx).toEqual({ tenant: 'se-uppsala', aggregateId: PLACEMENT, aggregateVersion: 3, ...ctx });
  });

  it('records the day in Sweden, which is already tomorrow late in the UTC evening', async () => {
    const world = setup({ startDate: '2026-01-01' });
    world.clock.set('2026-06-29T22:30:00Z');

    await world.record(30, 'other');

    expect(world.placements.stored(PLACEMENT).followUps[0].recordedOn).toBe('2026-06-30');
  });

  it('numbers successive events of one placement without gaps: follow-ups, then the end', async () => {
    const world = setup({ version: 1 });

    await world.record(30, 'in-work');
    await world.record(90, 'in-studies');
    await world.end('2026-05-20');

    expect(world.outbox.appended.map((e) => [e.contract.type, e.ctx.aggregateVersion])).toEqual([
      ['FollowUpRecorded', 2],
      ['FollowUpRecorded', 3],
      ['PlacementEnded', 4],
    ]);
  });

  it('refuses a checkpoint already recorded with PLACEMENT_STATE_CONFLICT, storing and publishing nothing', async () => {
    const world = setup();
    await world.record(30, 'in-work');
    const before = world.before();
    const appended = world.outbox.appended.length;

    const error = await rejectionOf(world.record(30, 'other'));

    expect(error).toBeInstanceOf(PlacementStateConflict);
    expect(error).toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { placementId: PLACEMENT, checkpointDays: 30 } });
    expect(world.placements.rows).toEqual(before);
    expect(world.outbox.appended).toHaveLength(appended);
  });

  it("does not count another placement's checkpoints", async () => {
    const world = setup();
    world.placements.seed(
      placementProps({
        placementId: OTHER_PLACEMENT,
        proposalId: '6f1c1f8e-0000-4000-8000-000000000002',
        followUps: [{ checkpointDays: 30, status: 'in-work', recordedOn: '2026-03-03', recordedBy: 'employer-user:bo-2' }],
      }),
    );

    await world.record(30, 'other');

    expect((await world.get()).followUps).toEqual([{ checkpointDays: 30, status: 'other', recordedOn: '2026-05-20' }]);
  });

  it('refuses a follow-up before the placement has started with PLACEMENT_STATE_CONFLICT', async () => {
    const world = setup({ startDate: '2026-05-21' });
    const before = world.before();

    const error = await rejectionOf(world.record(30, 'in-work'));

    expect(error).toBeInstanceOf(PlacementStateConflict);
    expect(error).toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT' });
    expect(world.placements.rows).toEqual(before);
    expect(world.outbox.appended).toEqual([]);
  });

  it('rejects a checkpoint that has not fallen due, storing and publishing nothing', async () => {
    const world = setup({ startDate: '2026-05-01' });
    const before = world.before();

    const error = await rejectionOf(world.record(30, 'in-work'));

    expect(error).toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { dueOn: '2026-05-31' } });
    expect(world.placements.rows).toEqual(before);
    expect(world.outbox.appended).toEqual([]);
  });

  it('takes a follow-up on the day it falls due, after the placement ended', async () => {
    // 180 days after 2025-11-21 is today, 2026-05-20.
    const world = setup({ startDate: '2025-11-21', status: 'ended', endDate: '2026-01-20', outcome: 'employed' });

    await world.record(180, 'in-work');

    expect((await world.get()).followUps).toEqual([{ checkpointDays: 180, status: 'in-work', recordedOn: '2026-05-20' }]);
    expect(world.outbox.appended).toHaveLength(1);
  });

  it('rejects an unknown placement with PLACEMENT_NOT_FOUND', async () => {
    const world = setup();
    const before = world.before();

    await expect(world.record(30, 'in-work', UNKNOWN)).rejects.toMatchObject({ code: 'PLACEMENT_NOT_FOUND' });

    expect(world.placements.rows).toEqual(before);
    expect(world.outbox.appended).toEqual([]);
  });
});
