import { ProposalReviewedV1, RejectionReason } from '@jobbspar/contracts';
import { CANDIDATE, fakeWorld, NEED, PROPOSAL, proposalProps, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import type { ProposalProps } from '../../../domain/proposal';
import { ProposalNotFound, ProposalStateConflict } from '../../../domain/proposal.errors';
import { RejectProposalCommand } from './reject-proposal.command';
import { RejectProposalHandler } from './reject-proposal.handler';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-review-0001' };

function setup(over: Partial<ProposalProps> = {}) {
  const world = fakeWorld();
  world.proposals.seed(proposalProps(over));
  const handler = new RejectProposalHandler(
    world.dataSource.asDataSource(),
    world.proposals,
    world.outbox,
    world.engine.asEngine(),
    world.clock,
  );
  const reject = (reason: RejectionReason, comment: string | null, id = PROPOSAL) =>
    handler.execute(new RejectProposalCommand(id, reason, comment, ctx));
  return { ...world, reject };
}

describe(RejectProposalHandler.name, () => {
  it('rejects a proposed proposal with its reason and comment and publishes the reason code', async () => {
    const { reject, proposals, outbox, engine, journal } = setup();

    const saved = await reject('commute-not-feasible', 'Two buses each way');

    expect(proposals.stored(PROPOSAL)).toMatchObject({
      status: 'rejected',
      reasonCode: 'commute-not-feasible',
      comment: 'Two buses each way',
      reviewedBy: ctx.actor,
      version: 2,
    });
    expect(saved).toMatchObject({ status: 'rejected', reasonCode: 'commute-not-feasible', comment: 'Two buses each way' });
    expect(outbox.appended.map((e) => e.contract)).toEqual([ProposalReviewedV1]);
    // The comment stays here: it is not part of the event.
    expect(outbox.appended[0].payload).toEqual({
      proposalId: PROPOSAL,
      needId: NEED,
      candidateId: CANDIDATE,
      decision: 'rejected',
      reasonCode: 'commute-not-feasible',
    });
    expect(outbox.appended[0].ctx).toMatchObject({ tenant: 'se-uppsala', aggregateId: PROPOSAL, aggregateVersion: 2, ...ctx });
    // A rejected pair leaves the assignment for good: the engine is told, in the same transaction, after the lock.
    expect(engine.reviewed).toEqual([{ em: outbox.appended[0].em, candidateId: CANDIDATE, needId: NEED, cause: ctx }]);
    expect(journal).toEqual(['engine.enter', 'proposals.findById(lock)', 'proposals.save', 'engine.pairReviewed']);
  });

  it('stores a rejection without a comment as null', async () => {
    const { reject, proposals } = setup();

    await reject('availability-mismatch', null);

    expect(proposals.stored(PROPOSAL)).toMatchObject({ status: 'rejected', reasonCode: 'availability-mismatch', comment: null });
  });

  it.each(['accepted', 'rejected', 'withdrawn', 'placed'] as const)(
    'refuses to reject a %s proposal with PROPOSAL_STATE_CONFLICT',
    async (status) => {
      const { reject, proposals, outbox, engine } = setup({ status });
      const before = structuredClone(proposals.rows);

      const error = await rejectionOf(reject('commute-not-feasible', 'too far'));

      expect(error).toBeInstanceOf(ProposalStateConflict);
      expect(error).toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { status, action: 'reject' } });
      expect(proposals.rows).toEqual(before);
      expect(outbox.appended).toEqual([]);
      expect(engine.reviewed).toEqual([]);
    },
  );

  it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
    const { reject, proposals, outbox } = setup();
    const before = structuredClone(proposals.rows);

    const error = await rejectionOf(reject('commute-not-feasible', null, UNKNOWN));

    expect(error).toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
    expect(error).toBeInstanceOf(ProposalNotFound);
    expect(proposals.rows).toEqual(before);
    expect(outbox.appended).toEqual([]);
  });
});
