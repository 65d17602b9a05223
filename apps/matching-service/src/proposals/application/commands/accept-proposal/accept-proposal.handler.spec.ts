import { ProposalReviewedV1 } from '@jobbspar/contracts';
import { CANDIDATE, fakeWorld, NEED, PROPOSAL, proposalProps, rejectionOf, UNKNOWN } from '../../../../../test/fakes';
import type { ProposalProps } from '../../../domain/proposal';
import { ProposalNotFound, ProposalStateConflict } from '../../../domain/proposal.errors';
import { AcceptProposalCommand } from './accept-proposal.command';
import { AcceptProposalHandler } from './accept-proposal.handler';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-review-0001' };
const NOW = new Date('2026-05-20T10:00:00Z');

function setup(over: Partial<ProposalProps> = {}) {
  const world = fakeWorld(NOW);
  world.proposals.seed(proposalProps(over));
  const handler = new AcceptProposalHandler(
    world.dataSource.asDataSource(),
    world.proposals,
    world.outbox,
    world.engine.asEngine(),
    world.clock,
  );
  const accept = (id = PROPOSAL) => handler.execute(new AcceptProposalCommand(id, ctx));
  return { ...world, accept };
}

describe(AcceptProposalHandler.name, () => {
  it('accepts a proposed proposal, records the reviewer and publishes ProposalReviewed', async () => {
    const { accept, proposals, outbox } = setup({ version: 3 });

    const saved = await accept();

    expect(proposals.stored(PROPOSAL)).toMatchObject({
      status: 'accepted',
      reviewedBy: ctx.actor,
      reviewedAt: NOW,
      reasonCode: null,
      comment: null,
      version: 4,
    });
    expect(saved).toMatchObject({
      proposalId: PROPOSAL,
      status: 'accepted',
      reviewedBy: ctx.actor,
      reviewedAt: NOW.toISOString(),
      version: 4,
    });

    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(ProposalReviewedV1);
    expect(event.payload).toEqual({ proposalId: PROPOSAL, needId: NEED, candidateId: CANDIDATE, decision: 'accepted' });
    expect(event.ctx).toEqual({
      tenant: 'se-uppsala',
      aggregateId: PROPOSAL,
      aggregateVersion: 4,
      actor: ctx.actor,
      correlationId: ctx.correlationId,
    });
  });

  it('takes the matching lock before reading the proposal, and hands the reviewed pair to the engine in the same transaction', async () => {
    const { accept, journal, engine, outbox } = setup();

    await accept();

    expect(journal).toEqual(['engine.enter', 'proposals.findById(lock)', 'proposals.save', 'engine.pairReviewed']);
    expect(engine.entered).toHaveLength(1);
    expect(engine.entered[0].cause).toEqual(ctx);
    expect(engine.reviewed).toEqual([{ em: outbox.appended[0].em, candidateId: CANDIDATE, needId: NEED, cause: ctx }]);
    expect(engine.entered[0].em).toBe(outbox.appended[0].em);
  });

  it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
    const { accept, proposals, outbox, engine } = setup();
    const before = structuredClone(proposals.rows);

    const error = await rejectionOf(accept(UNKNOWN));

    expect(error).toBeInstanceOf(ProposalNotFound);
    expect(error).toMatchObject({ code: 'PROPOSAL_NOT_FOUND', details: { proposalId: UNKNOWN } });
    expect(proposals.rows).toEqual(before);
    expect(outbox.appended).toEqual([]);
    expect(engine.reviewed).toEqual([]);
  });

  it.each(['accepted', 'rejected', 'withdrawn', 'placed'] as const)(
    'refuses to accept a %s proposal with PROPOSAL_STATE_CONFLICT',
    async (status) => {
      const { accept, proposals, outbox, engine } = setup({ status, reviewedBy: 'employer-user:bo-2', version: 2 });
      const before = structuredClone(proposals.rows);

      const error = await rejectionOf(accept());

      expect(error).toBeInstanceOf(ProposalStateConflict);
      expect(error).toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { proposalId: PROPOSAL, status } });
      expect(proposals.rows).toEqual(before);
      expect(outbox.appended).toEqual([]);
      expect(engine.reviewed).toEqual([]);
    },
  );

  it('rolls the review and its event back when the engine cannot re-solve the freed room', async () => {
    const { accept, proposals, outbox, engine, dataSource } = setup();
    engine.failPairReviewed = new Error('assignment chose a pair without a stored edge');
    const before = structuredClone(proposals.rows);

    await expect(accept()).rejects.toThrow('without a stored edge');

    expect(dataSource.rollbacks).toBe(1);
    expect(proposals.rows).toEqual(before);
    expect(outbox.appended).toEqual([]);
  });
});
