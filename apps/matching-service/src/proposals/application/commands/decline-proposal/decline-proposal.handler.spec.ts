import { DeclineReason, ProposalDeclinedV1 } from '@jobbspar/contracts';
import { CANDIDATE, EMPLOYER, fakeWorld, knownNeed, NEED, PROPOSAL, proposalProps, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import type { Viewer } from '../../../../common/viewer';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import type { ProposalProps } from '../../../domain/proposal';
import { ProposalNotFound, ProposalStateConflict } from '../../../domain/proposal.errors';
import { EmployerSide } from '../../employer-side';
import { DeclineProposalCommand } from './decline-proposal.command';
import { DeclineProposalHandler } from './decline-proposal.handler';

const ctx = { actor: 'employer:anna-1', correlationId: 'corr-decline-001' };
const NOW = new Date('2026-05-20T10:00:00Z');
const anna: Viewer = { unrestricted: false, employerOrganisation: '556677-8899', hrMunicipalities: [], coordinatorArea: null };
const bo: Viewer = { unrestricted: false, employerOrganisation: '551122-3344', hrMunicipalities: ['0380'], coordinatorArea: null };

function setup(over: Partial<ProposalProps> = { status: 'accepted', acceptedScore: 72.5, reviewedAt: new Date('2026-05-19T10:00:00Z') }) {
  const world = fakeWorld(NOW);
  world.proposals.seed(proposalProps({ reviewedBy: 'coordinator:bo-2', version: 2, ...over }));
  world.readModels.needs.set(NEED, knownNeed());
  world.readModels.employerRows.set(EMPLOYER, {
    employerId: EMPLOYER,
    organisationNumber: '556677-8899',
    name: 'Restaurang Sundet AB',
    municipalityCode: '0380',
    isMunicipality: false,
  });
  const handler = new DeclineProposalHandler(
    world.dataSource.asDataSource(),
    world.proposals,
    new EmployerSide(world.proposals, new ReadModelReader(world.readModels)),
    world.outbox,
    world.engine.asEngine(),
    world.clock,
  );
  const decline = (reason: DeclineReason = 'support-not-available', viewer: Viewer = anna, id = PROPOSAL) =>
    handler.execute(new DeclineProposalCommand(id, reason, viewer, ctx));
  const state = () =>
    structuredClone({ rows: world.proposals.rows, appended: world.outbox.appended.length, reviewed: world.engine.reviewed.length });
  return { ...world, decline, state };
}

describe(DeclineProposalHandler.name, () => {
  it('declines an accepted proposal with her reason, publishes ProposalDeclined and frees the slots for a re-solve', async () => {
    const { decline, proposals, outbox, engine, journal } = setup();

    await expect(decline('start-date-not-feasible')).resolves.toEqual({ proposalId: PROPOSAL });

    expect(proposals.stored(PROPOSAL)).toMatchObject({
      status: 'declined',
      declineReason: 'start-date-not-feasible',
      decidedBy: ctx.actor,
      decidedAt: NOW,
      reviewedBy: 'coordinator:bo-2',
      version: 3,
    });
    expect(outbox.appended.map((e) => e.contract)).toEqual([ProposalDeclinedV1]);
    expect(outbox.appended[0].payload).toEqual({
      proposalId: PROPOSAL,
      needId: NEED,
      candidateId: CANDIDATE,
      reasonCode: 'start-date-not-feasible',
    });
    expect(outbox.appended[0].ctx).toMatchObject({ tenant: 'se-uppsala', aggregateId: PROPOSAL, aggregateVersion: 3, ...ctx });
    // The pair is settled like a rejected one and the room it held is re-solved, in the same transaction.
    expect(engine.reviewed).toEqual([{ em: outbox.appended[0].em, candidateId: CANDIDATE, needId: NEED, cause: ctx }]);
    expect(journal.filter((j) => j.startsWith('engine') || j.startsWith('proposals.'))).toEqual([
      'engine.enter',
      'proposals.findById(lock)',
      'proposals.save',
      'engine.pairReviewed',
    ]);
  });

  it("settles the declined pair: the ledger counts it among the pairs never to be proposed again, not among the need's accepted", async () => {
    const world = setup();

    await world.decline();

    const em = world.dataSource.asDataSource().manager;
    expect(await world.proposals.settledPairs(em, { needId: NEED })).toEqual(new Set([`${CANDIDATE}|${NEED}`]));
    expect(await world.proposals.acceptedPerNeed(em, [NEED])).toEqual(new Map());
    expect(await world.proposals.acceptedPerCandidate(em, [CANDIDATE])).toEqual(new Map());
  });

  it("answers PROPOSAL_NOT_FOUND to another employer's staff, changing nothing", async () => {
    const world = setup();
    const before = world.state();

    await expect(world.decline('other', bo)).rejects.toBeInstanceOf(ProposalNotFound);
    expect(world.state()).toEqual(before);
  });

  it('answers PROPOSAL_NOT_FOUND for an unknown proposal and one not accepted yet', async () => {
    const world = setup({ status: 'proposed' });
    const before = world.state();

    await expect(world.decline('other', anna, UNKNOWN)).rejects.toBeInstanceOf(ProposalNotFound);
    await expect(world.decline()).rejects.toBeInstanceOf(ProposalNotFound);
    expect(world.state()).toEqual(before);
  });

  it.each(['placed', 'declined', 'withdrawn'] as const)('refuses to decline a %s proposal with PROPOSAL_STATE_CONFLICT', async (status) => {
    const world = setup({ status, acceptedScore: 72.5, reviewedAt: new Date('2026-05-19T10:00:00Z') });
    const before = world.state();

    const error = await rejectionOf(world.decline());

    expect(error).toBeInstanceOf(ProposalStateConflict);
    expect(error).toMatchObject({ details: { status, action: 'decline' } });
    expect(world.state()).toEqual(before);
  });

  it('stores and publishes nothing when the re-solve fails', async () => {
    const world = setup();
    world.engine.failPairReviewed = new Error('solver exploded');
    const before = world.state();

    await expect(world.decline()).rejects.toThrow('solver exploded');
    expect(structuredClone(world.proposals.rows)).toEqual(before.rows);
  });
});
