import { PlacementEndedV1, PlacementOutcome } from '@jobbspar/contracts';
import { CANDIDATE, fakeWorld, NEED, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import { PLACEMENT, placementProps } from '../../../../../test/placement-fixtures';
import type { PlacementProps } from '../../../domain/placement';
import { PlacementDateInvalid, PlacementNotFound, PlacementStateConflict } from '../../../domain/placement.errors';
import { EndPlacementCommand } from './end-placement.command';
import { EndPlacementHandler } from './end-placement.handler';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-placement-01' };

function setup(over: Partial<PlacementProps> = {}) {
  const world = fakeWorld();
  world.placements.seed(placementProps(over));
  const handler = new EndPlacementHandler(world.dataSource.asDataSource(), world.placements, world.outbox, world.engine.asEngine());
  const end = (endDate: string, outcome: PlacementOutcome, id = PLACEMENT) =>
    handler.execute(new EndPlacementCommand(id, endDate, outcome, ctx));
  return { ...world, end, before: () => structuredClone(world.placements.rows) };
}

describe(EndPlacementHandler.name, () => {
  it('ends a started placement with its outcome and publishes PlacementEnded at the next version', async () => {
    const world = setup({ version: 3 });

    await world.end('2026-07-31', 'employed');

    expect(world.placements.stored(PLACEMENT)).toMatchObject({ status: 'ended', endDate: '2026-07-31', outcome: 'employed', version: 4 });
    expect(world.outbox.appended.map((e) => e.contract)).toEqual([PlacementEndedV1]);
    expect(world.outbox.appended[0].payload).toEqual({
      placementId: PLACEMENT,
      needId: NEED,
      candidateId: CANDIDATE,
      endDate: '2026-07-31',
      outcome: 'employed',
    });
    expect(world.outbox.appended[0].ctx).toEqual({ tenant: 'se-uppsala', aggregateId: PLACEMENT, aggregateVersion: 4, ...ctx });
    // The placement no longer holds one of her slots nor its need's supervisor room: matching re-solves both in the
    // same transaction.
    expect(world.engine.commitments.map((c) => [c.candidateId, c.em, c.needId])).toEqual([[CANDIDATE, world.outbox.appended[0].em, NEED]]);
    expect(world.journal).toEqual(['placements.findById(lock)', 'placements.save', 'engine.commitmentsChanged']);
  });

  it('accepts an end on the start date itself', async () => {
    const world = setup({ startDate: '2026-02-01' });

    await world.end('2026-02-01', 'interrupted');

    expect(world.placements.stored(PLACEMENT)).toMatchObject({ status: 'ended', endDate: '2026-02-01', outcome: 'interrupted' });
  });

  it('rejects an end before the start with PLACEMENT_DATE_INVALID, storing and publishing nothing', async () => {
    const world = setup({ startDate: '2026-02-01' });
    const before = world.before();

    const error = await rejectionOf(world.end('2026-01-31', 'interrupted'));

    expect(error).toBeInstanceOf(PlacementDateInvalid);
    expect(error).toMatchObject({ code: 'PLACEMENT_DATE_INVALID', details: { field: 'endDate' } });
    expect(world.placements.rows).toEqual(before);
    expect(world.outbox.appended).toEqual([]);
    expect(world.engine.commitments).toEqual([]);
  });

  it('refuses to end a placement twice with PLACEMENT_STATE_CONFLICT', async () => {
    const world = setup({ status: 'ended', endDate: '2026-06-30', outcome: 'employed', version: 2 });
    const before = world.before();

    const error = await rejectionOf(world.end('2026-07-31', 'interrupted'));

    expect(error).toBeInstanceOf(PlacementStateConflict);
    expect(error).toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { placementId: PLACEMENT } });
    expect(world.placements.rows).toEqual(before);
    expect(world.outbox.appended).toEqual([]);
  });

  it('rejects an unknown placement with PLACEMENT_NOT_FOUND', async () => {
    const world = setup();
    const before = world.before();

    const error = await rejectionOf(world.end('2026-07-31', 'employed', UNKNOWN));

    expect(error).toBeInstanceOf(PlacementNotFound);
    expect(error).toMatchObject({ code: 'PLACEMENT_NOT_FOUND', details: { placementId: UNKNOWN } });
    expect(world.placements.rows).toEqual(before);
  });
});
