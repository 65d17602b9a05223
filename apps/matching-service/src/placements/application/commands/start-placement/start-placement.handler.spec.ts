import { PlacementStartedV1, SupportMeasuresV1 } from '@jobbspar/contracts';
import { CANDIDATE, EMPLOYER, fakeWorld, knownNeed, NEED, PROPOSAL, proposalProps, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import { support } from '../../../../../test/placement-fixtures';
import { ProposalLedger } from '../../../../proposals/application/proposal-ledger';
import { ProposalNotFound, ProposalStateConflict } from '../../../../proposals/domain/proposal.errors';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { PlacementStateConflict } from '../../../domain/placement.errors';
import { GetPlacementHandler } from '../../queries/get-placement/get-placement.handler';
import { GetPlacementQuery } from '../../queries/get-placement/get-placement.query';
import { StartPlacementCommand } from './start-placement.command';
import { StartPlacementHandler } from './start-placement.handler';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-placement-01' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup() {
  const world = fakeWorld();
  // Accepted late on 1 March UTC: already 2 March in Sweden.
  world.proposals.seed(
    proposalProps({ status: 'accepted', reviewedBy: 'employer-user:bo-2', reviewedAt: new Date('2026-03-01T23:30:00Z'), version: 2 }),
  );
  world.readModels.needs.set(NEED, knownNeed());
  const handler = new StartPlacementHandler(
    world.dataSource.asDataSource(),
    world.placements,
    new ProposalLedger(world.proposals),
    new ReadModelReader(world.readModels),
    world.outbox,
    world.engine.asEngine(),
  );
  const view = new GetPlacementHandler(world.dataSource.asDataSource(), world.placements);
  const start = (proposalId = PROPOSAL, measures: SupportMeasuresV1 = support, startDate = '2026-03-02') =>
    handler.execute(new StartPlacementCommand(proposalId, startDate, measures, ctx));
  const get = (placementId: string) => view.execute(new GetPlacementQuery(placementId));
  return { ...world, start, get };
}

/** Everything a failed command must leave as it was. */
function state(world: ReturnType<typeof setup>) {
  return structuredClone({ proposals: world.proposals.rows, placements: world.placements.rows, appended: world.outbox.appended.length });
}

describe(StartPlacementHandler.name, () => {
  it('places an accepted proposal: stores the placement from the need as matching knows it and publishes PlacementStarted', async () => {
    const world = setup();

    const { placementId } = await world.start();

    expect(placementId).toMatch(UUID);
    expect(await world.get(placementId)).toEqual({
      placementId,
      proposalId: PROPOSAL,
      needId: NEED,
      candidateId: CANDIDATE,
      employerId: EMPLOYER,
      placementType: 'internship',
      startDate: '2026-03-02',
      support,
      status: 'started',
      endDate: null,
      outcome: null,
      followUps: [],
    });
    expect([...world.placements.rows.keys()]).toEqual([placementId]);
    expect(world.placements.stored(placementId)).toMatchObject({ tenant: 'se-uppsala', version: 1 });
    // The proposal is placed; placing records no reviewer, so the one who accepted stays.
    expect(world.proposals.stored(PROPOSAL)).toMatchObject({ status: 'placed', reviewedBy: 'employer-user:bo-2', version: 3 });

    expect(world.outbox.appended).toHaveLength(1);
    const [event] = world.outbox.appended;
    expect(event.contract).toBe(PlacementStartedV1);
    expect(event.payload).toEqual({
      placementId,
      proposalId: PROPOSAL,
      needId: NEED,
      candidateId: CANDIDATE,
      employerId: EMPLOYER,
      placementType: 'internship',
      startDate: '2026-03-02',
      support,
    });
    expect(event.ctx).toEqual({ tenant: 'se-uppsala', aggregateId: placementId, aggregateVersion: 1, ...ctx });
  });

  it('takes the matching lock in its transaction before touching the proposal', async () => {
    const world = setup();

    await world.start();

    expect(world.journal.slice(0, 2)).toEqual(['engine.enter', 'proposals.findById(lock)']);
    expect(world.engine.entered).toEqual([{ em: world.outbox.appended[0].em, cause: ctx }]);
  });

  it('keeps only the three support measures, so extra input never reaches the store or the event', async () => {
    const world = setup();
    const noisy = { ...support, pizzaFridays: true } as SupportMeasuresV1;

    const { placementId } = await world.start(PROPOSAL, noisy);

    expect(world.placements.stored(placementId).support).toEqual(support);
    expect((world.outbox.appended[0].payload as { support: unknown }).support).toEqual(support);
  });

  it('refuses a start before the Swedish day of the acceptance with PLACEMENT_DATE_INVALID, storing and publishing nothing', async () => {
    const world = setup();
    const before = state(world);

    await expect(world.start(PROPOSAL, support, '2026-03-01')).rejects.toMatchObject({
      code: 'PLACEMENT_DATE_INVALID',
      details: { field: 'startDate', startDate: '2026-03-01', acceptedOn: '2026-03-02' },
    });
    expect(state(world)).toEqual(before);
  });

  it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
    const world = setup();
    const before = state(world);

    const error = await rejectionOf(world.start(UNKNOWN));

    expect(error).toBeInstanceOf(ProposalNotFound);
    expect(error).toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
    expect(state(world)).toEqual(before);
    expect(world.outbox.appended).toEqual([]);
  });

  it.each(['proposed', 'rejected', 'withdrawn', 'placed'] as const)(
    'refuses to place a %s proposal with PROPOSAL_STATE_CONFLICT',
    async (status) => {
      const world = setup();
      world.proposals.seed(proposalProps({ status }));
      const before = state(world);

      const error = await rejectionOf(world.start());

      expect(error).toBeInstanceOf(ProposalStateConflict);
      expect(error).toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { status, action: 'start a placement' } });
      expect(state(world)).toEqual(before);
      expect(world.outbox.appended).toEqual([]);
    },
  );

  it('refuses a second placement of the same proposal', async () => {
    const world = setup();
    await world.start();

    await expect(world.start(PROPOSAL, support, '2026-03-09')).rejects.toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT' });

    expect(world.placements.rows.size).toBe(1);
    expect(world.outbox.appended).toHaveLength(1);
  });

  it.each([
    ['not known here', false],
    ['known without its terms (closed before it was posted)', true],
  ])('refuses with PLACEMENT_STATE_CONFLICT when the need is %s, and leaves the proposal accepted', async (_, tombstone) => {
    const world = setup();
    world.readModels.needs.clear();
    if (tombstone) world.readModels.needs.set(NEED, { ...knownNeed(), status: 'closed', terms: null });
    const before = state(world);

    const error = await rejectionOf(world.start());

    expect(error).toBeInstanceOf(PlacementStateConflict);
    expect(error).toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { needId: NEED } });
    expect(state(world)).toEqual(before);
    expect(world.proposals.stored(PROPOSAL).status).toBe('accepted');
    expect(world.outbox.appended).toEqual([]);
  });
});
