import { PlacementStartedV1, ProposalConfirmedV1, SupportMeasuresV1 } from '@jobbspar/contracts';
import { CANDIDATE, EMPLOYER, fakeWorld, knownNeed, NEED, PROPOSAL, proposalProps, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import { support } from '../../../../../test/placement-fixtures';
import { UNRESTRICTED, type Viewer } from '../../../../common/viewer';
import { EmployerSide } from '../../../../proposals/application/employer-side';
import { ProposalNotFound, ProposalStateConflict } from '../../../../proposals/domain/proposal.errors';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { PlacementStateConflict } from '../../../domain/placement.errors';
import { PlacementAccess } from '../../placement-access';
import { GetPlacementHandler } from '../../queries/get-placement/get-placement.handler';
import { GetPlacementQuery } from '../../queries/get-placement/get-placement.query';
import { ConfirmProposalCommand } from './confirm-proposal.command';
import { ConfirmProposalHandler } from './confirm-proposal.handler';

const ctx = { actor: 'employer:anna-1', correlationId: 'corr-placement-01' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = new Date('2026-03-02T09:00:00Z');

/** Anna works for the need's employer (organisation 556677-8899); Bo for another; Hanna is HR of Uppsala (0380). */
const anna: Viewer = { unrestricted: false, employerOrganisation: '556677-8899', hrMunicipalities: [], coordinatorArea: null };
const bo: Viewer = { unrestricted: false, employerOrganisation: '551122-3344', hrMunicipalities: [], coordinatorArea: null };
const hanna: Viewer = { unrestricted: false, employerOrganisation: null, hrMunicipalities: ['0380'], coordinatorArea: null };
const coordinator: Viewer = { unrestricted: false, employerOrganisation: null, hrMunicipalities: [], coordinatorArea: ['0380'] };

function setup(employer: { isMunicipality: boolean } = { isMunicipality: false }) {
  const world = fakeWorld(NOW);
  // Accepted late on 1 March UTC: already 2 March in Sweden.
  world.proposals.seed(
    proposalProps({
      status: 'accepted',
      acceptedScore: 72.5,
      reviewedBy: 'coordinator:bo-2',
      reviewedAt: new Date('2026-03-01T23:30:00Z'),
      version: 2,
    }),
  );
  world.readModels.needs.set(NEED, knownNeed());
  world.readModels.employerRows.set(EMPLOYER, {
    employerId: EMPLOYER,
    organisationNumber: '556677-8899',
    name: 'Restaurang Sundet AB',
    municipalityCode: '0380',
    isMunicipality: employer.isMunicipality,
  });
  const reader = new ReadModelReader(world.readModels);
  const handler = new ConfirmProposalHandler(
    world.dataSource.asDataSource(),
    world.placements,
    world.proposals,
    new EmployerSide(world.proposals, reader),
    world.outbox,
    world.engine.asEngine(),
    world.clock,
  );
  const view = new GetPlacementHandler(world.dataSource.asDataSource(), world.placements, new PlacementAccess(reader));
  const confirm = (viewer: Viewer = anna, proposalId = PROPOSAL, measures: SupportMeasuresV1 = support, startDate = '2026-03-02') =>
    handler.execute(new ConfirmProposalCommand(proposalId, startDate, measures, viewer, ctx));
  const get = (placementId: string) => view.execute(new GetPlacementQuery(placementId));
  return { ...world, confirm, get };
}

/** Everything a failed command must leave as it was. */
function state(world: ReturnType<typeof setup>) {
  return structuredClone({ proposals: world.proposals.rows, placements: world.placements.rows, appended: world.outbox.appended.length });
}

describe(ConfirmProposalHandler.name, () => {
  it("starts the placement from the employer's confirmation: the proposal is placed, ProposalConfirmed and PlacementStarted published", async () => {
    const world = setup();

    const { placementId } = await world.confirm();

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
      nextFollowUp: { checkpointDays: 30, dueOn: '2026-04-01' },
    });
    expect(world.placements.stored(placementId)).toMatchObject({ tenant: 'se-uppsala', version: 1 });
    // The coordinator stays its reviewer; who confirmed it, and when, is kept beside.
    expect(world.proposals.stored(PROPOSAL)).toMatchObject({
      status: 'placed',
      reviewedBy: 'coordinator:bo-2',
      decidedBy: 'employer:anna-1',
      decidedAt: NOW,
      version: 3,
    });

    expect(world.outbox.appended.map((e) => e.contract)).toEqual([ProposalConfirmedV1, PlacementStartedV1]);
    const [confirmed, started] = world.outbox.appended;
    expect(confirmed.payload).toEqual({ proposalId: PROPOSAL, needId: NEED, candidateId: CANDIDATE, placementId, startDate: '2026-03-02' });
    expect(confirmed.ctx).toEqual({ tenant: 'se-uppsala', aggregateId: PROPOSAL, aggregateVersion: 3, ...ctx });
    expect(started.payload).toEqual({
      placementId,
      proposalId: PROPOSAL,
      needId: NEED,
      candidateId: CANDIDATE,
      employerId: EMPLOYER,
      placementType: 'internship',
      startDate: '2026-03-02',
      support,
    });
    expect(started.ctx).toEqual({ tenant: 'se-uppsala', aggregateId: placementId, aggregateVersion: 1, ...ctx });
  });

  it('lets the HR of the municipality that is the employer confirm', async () => {
    const world = setup({ isMunicipality: true });

    const { placementId } = await world.confirm(hanna);

    expect(world.placements.stored(placementId).employerId).toBe(EMPLOYER);
  });

  it.each([
    ['staff of another employer', bo],
    ['HR of the municipality when the employer is no municipality', hanna],
    ['a coordinator', coordinator],
  ])('answers PROPOSAL_NOT_FOUND to %s, changing nothing', async (_, viewer) => {
    const world = setup();
    const before = state(world);

    const error = await rejectionOf(world.confirm(viewer));

    expect(error).toBeInstanceOf(ProposalNotFound);
    expect(state(world)).toEqual(before);
  });

  it('answers PROPOSAL_NOT_FOUND while matching does not know the employer of the need yet', async () => {
    const world = setup();
    world.readModels.employerRows.clear();

    await expect(world.confirm()).rejects.toBeInstanceOf(ProposalNotFound);
    expect(world.placements.rows.size).toBe(0);
  });

  it('takes the matching lock in its transaction before touching the proposal', async () => {
    const world = setup();

    await world.confirm();

    expect(world.journal.slice(0, 2)).toEqual(['engine.enter', 'proposals.findById(lock)']);
    expect(world.engine.entered).toEqual([{ em: world.outbox.appended[0].em, cause: ctx }]);
  });

  it('keeps only the three support measures, so extra input never reaches the store or the event', async () => {
    const world = setup();
    const noisy = { ...support, pizzaFridays: true } as SupportMeasuresV1;

    const { placementId } = await world.confirm(anna, PROPOSAL, noisy);

    expect(world.placements.stored(placementId).support).toEqual(support);
    expect((world.outbox.appended[1].payload as { support: unknown }).support).toEqual(support);
  });

  it('refuses a start before the Swedish day of the acceptance with PLACEMENT_DATE_INVALID, storing and publishing nothing', async () => {
    const world = setup();
    const before = state(world);

    await expect(world.confirm(anna, PROPOSAL, support, '2026-03-01')).rejects.toMatchObject({
      code: 'PLACEMENT_DATE_INVALID',
      details: { field: 'startDate', startDate: '2026-03-01', acceptedOn: '2026-03-02' },
    });
    expect(state(world)).toEqual(before);
  });

  it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
    const world = setup();
    const before = state(world);

    const error = await rejectionOf(world.confirm(anna, UNKNOWN));

    expect(error).toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
    expect(state(world)).toEqual(before);
  });

  it.each(['proposed', 'rejected'] as const)('does not show the employer a %s proposal: PROPOSAL_NOT_FOUND', async (status) => {
    const world = setup();
    world.proposals.seed(proposalProps({ status, acceptedScore: null, reviewedAt: status === 'rejected' ? NOW : null }));
    const before = state(world);

    await expect(world.confirm()).rejects.toBeInstanceOf(ProposalNotFound);
    expect(state(world)).toEqual(before);
  });

  it.each(['withdrawn', 'placed', 'declined'] as const)('refuses to confirm a %s proposal with PROPOSAL_STATE_CONFLICT', async (status) => {
    const world = setup();
    world.proposals.seed(proposalProps({ status, acceptedScore: 72.5, reviewedAt: new Date('2026-03-01T10:00:00Z') }));
    const before = state(world);

    const error = await rejectionOf(world.confirm());

    expect(error).toBeInstanceOf(ProposalStateConflict);
    expect(error).toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { status, action: 'confirm' } });
    expect(state(world)).toEqual(before);
  });

  it('refuses a second confirmation of the same proposal', async () => {
    const world = setup();
    await world.confirm();

    await expect(world.confirm(anna, PROPOSAL, support, '2026-03-09')).rejects.toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT' });

    expect(world.placements.rows.size).toBe(1);
    expect(world.outbox.appended).toHaveLength(2);
  });

  it('refuses with PLACEMENT_STATE_CONFLICT when the need is not known here, and leaves the proposal accepted', async () => {
    const world = setup();
    world.readModels.needs.clear();
    const before = state(world);

    const error = await rejectionOf(world.confirm(UNRESTRICTED));

    expect(error).toBeInstanceOf(PlacementStateConflict);
    expect(error).toMatchObject({ code: 'PLACEMENT_STATE_CONFLICT', details: { needId: NEED } });
    expect(state(world)).toEqual(before);
    expect(world.proposals.stored(PROPOSAL).status).toBe('accepted');
  });
});
