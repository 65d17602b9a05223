import { ProposalReviewedV1 } from '@jobbspar/contracts';
import { fakeWorld, proposalRow } from '../../testing/fakes';
import { ProposalNotFound, ProposalStateConflict } from '../domain/proposal.errors';
import { ProposalsService } from './proposals.service';

const ctx = { actor: 'employer-user:anna-1', correlationId: 'corr-review-0001' };
const PROPOSAL = '6f1c1f8e-0000-4000-8000-000000000001';
const NEED = '6f1c1f8e-0000-4000-8000-0000000000a1';
const CANDIDATE = '6f1c1f8e-0000-4000-8000-0000000000c1';
const UNKNOWN = '6f1c1f8e-0000-4000-8000-00000000ffff';

function setup(over: Parameters<typeof proposalRow>[0] = {}) {
  const world = fakeWorld();
  world.db.proposals.set(PROPOSAL, proposalRow({ proposal_id: PROPOSAL, need_id: NEED, candidate_id: CANDIDATE, ...over }));
  const service = new ProposalsService(world.dataSource.asDataSource(), world.outbox.asOutbox(), world.engine.asEngine());
  return { ...world, service };
}

describe(ProposalsService.name, () => {
  describe('accept', () => {
    it('accepts a proposed proposal, records the reviewer and publishes ProposalReviewed', async () => {
      const { service, db, outbox } = setup({ version: 3 });

      const saved = await service.accept(PROPOSAL, ctx);

      const row = db.proposals.get(PROPOSAL)!;
      expect(row).toMatchObject({ status: 'accepted', reviewed_by: ctx.actor, reason_code: null, comment: null, version: 4 });
      expect(row.reviewed_at).toBeInstanceOf(Date);
      expect(saved).toMatchObject({ proposalId: PROPOSAL, status: 'accepted', reviewedBy: ctx.actor, version: 4 });

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
      const { service, db, engine, outbox } = setup();

      await service.accept(PROPOSAL, ctx);

      expect(db.journal).toEqual(['engine.enter', 'proposals.select-for-update', 'proposals.update', 'engine.pairReviewed']);
      expect(engine.entered).toHaveLength(1);
      expect(engine.entered[0].cause).toEqual(ctx);
      expect(engine.reviewed).toEqual([{ em: outbox.appended[0].em, candidateId: CANDIDATE, needId: NEED, cause: ctx }]);
      expect(engine.entered[0].em).toBe(outbox.appended[0].em);
    });

    it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
      const { service, db, outbox, engine } = setup();
      const before = structuredClone(db.proposals);

      const attempt = service.accept(UNKNOWN, ctx);

      await expect(attempt).rejects.toBeInstanceOf(ProposalNotFound);
      await expect(attempt).rejects.toMatchObject({ code: 'PROPOSAL_NOT_FOUND', details: { proposalId: UNKNOWN } });
      expect(db.proposals).toEqual(before);
      expect(outbox.appended).toEqual([]);
      expect(engine.reviewed).toEqual([]);
    });

    it.each(['accepted', 'rejected', 'withdrawn', 'placed'])(
      'refuses to accept a %s proposal with PROPOSAL_STATE_CONFLICT',
      async (status) => {
        const { service, db, outbox, engine } = setup({ status, reviewed_by: 'employer-user:bo-2', version: 2 });
        const before = structuredClone(db.proposals);

        const attempt = service.accept(PROPOSAL, ctx);

        await expect(attempt).rejects.toBeInstanceOf(ProposalStateConflict);
        await expect(attempt).rejects.toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { proposalId: PROPOSAL, status } });
        expect(db.proposals).toEqual(before);
        expect(outbox.appended).toEqual([]);
        expect(engine.reviewed).toEqual([]);
      },
    );

    it('rolls the review and its event back when the engine cannot re-solve the freed room', async () => {
      const { service, db, outbox, engine, dataSource } = setup();
      engine.failPairReviewed = new Error('assignment chose a pair without a stored edge');
      const before = structuredClone(db.proposals);

      await expect(service.accept(PROPOSAL, ctx)).rejects.toThrow('without a stored edge');

      expect(dataSource.rollbacks).toBe(1);
      expect(db.proposals).toEqual(before);
      expect(outbox.appended).toEqual([]);
    });
  });

  describe('reject', () => {
    it('rejects a proposed proposal with its reason and comment and publishes the reason code', async () => {
      const { service, db, outbox, engine } = setup();

      const saved = await service.reject(PROPOSAL, 'commute-not-feasible', 'Two buses each way', ctx);

      expect(db.proposals.get(PROPOSAL)).toMatchObject({
        status: 'rejected',
        reason_code: 'commute-not-feasible',
        comment: 'Two buses each way',
        reviewed_by: ctx.actor,
        version: 2,
      });
      expect(saved).toMatchObject({ status: 'rejected', reasonCode: 'commute-not-feasible', comment: 'Two buses each way' });
      expect(outbox.appended.map((e) => e.contract)).toEqual([ProposalReviewedV1]);
      expect(outbox.appended[0].payload).toEqual({
        proposalId: PROPOSAL,
        needId: NEED,
        candidateId: CANDIDATE,
        decision: 'rejected',
        reasonCode: 'commute-not-feasible',
      });
      expect(outbox.appended[0].ctx).toMatchObject({ tenant: 'se-uppsala', aggregateId: PROPOSAL, aggregateVersion: 2, ...ctx });
      // A rejected pair leaves the assignment for good: the engine is told, in the same transaction.
      expect(engine.reviewed).toEqual([{ em: outbox.appended[0].em, candidateId: CANDIDATE, needId: NEED, cause: ctx }]);
    });

    it('stores a rejection without a comment as null', async () => {
      const { service, db } = setup();

      await service.reject(PROPOSAL, 'availability-mismatch', null, ctx);

      expect(db.proposals.get(PROPOSAL)).toMatchObject({ status: 'rejected', reason_code: 'availability-mismatch', comment: null });
    });

    it.each(['accepted', 'rejected', 'withdrawn', 'placed'])(
      'refuses to reject a %s proposal with PROPOSAL_STATE_CONFLICT',
      async (status) => {
        const { service, db, outbox, engine } = setup({ status });
        const before = structuredClone(db.proposals);

        const attempt = service.reject(PROPOSAL, 'commute-not-feasible', 'too far', ctx);

        await expect(attempt).rejects.toBeInstanceOf(ProposalStateConflict);
        await expect(attempt).rejects.toMatchObject({ code: 'PROPOSAL_STATE_CONFLICT', details: { status, action: 'reject' } });
        expect(db.proposals).toEqual(before);
        expect(outbox.appended).toEqual([]);
        expect(engine.reviewed).toEqual([]);
      },
    );

    it('rejects an unknown proposal with PROPOSAL_NOT_FOUND, storing and publishing nothing', async () => {
      const { service, db, outbox } = setup();
      const before = structuredClone(db.proposals);

      await expect(service.reject(UNKNOWN, 'commute-not-feasible', null, ctx)).rejects.toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });

      expect(db.proposals).toEqual(before);
      expect(outbox.appended).toEqual([]);
    });
  });
});
