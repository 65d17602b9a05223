import { FakeIdempotencyRecords, FakeInbox } from '@jobbspar/testing';
import { CANDIDATE, fakeWorld, proposalProps } from '../../../test/fakes';
import { placementProps } from '../../../test/placement-fixtures';
import { PlacementLedger } from '../../placements/application/placement-ledger';
import { ProposalLedger } from '../../proposals/application/proposal-ledger';
import { CandidateErasure } from './candidate-erasure';

const OTHER = '6f1c1f8e-0000-4000-8000-0000000000c9';

describe(CandidateErasure.name, () => {
  it("keeps her proposals and placements as statistics under one random id, drops reviewers' comments, her published events, inbox rows and recorded answers", async () => {
    const world = fakeWorld();
    world.proposals.seed(
      proposalProps({ proposalId: 'p-1', status: 'rejected', reasonCode: 'other', comment: 'personal note', version: 2 }),
    );
    world.proposals.seed(proposalProps({ proposalId: 'p-2', status: 'withdrawn', version: 2 }));
    world.proposals.seed(proposalProps({ proposalId: 'p-3', candidateId: OTHER, comment: 'about someone else' }));
    world.placements.seed(placementProps({ placementId: 'pl-1' }));
    const inbox = new FakeInbox();
    const idempotency = new FakeIdempotencyRecords();
    const erasure = new CandidateErasure(
      new ProposalLedger(world.proposals),
      new PlacementLedger(world.placements),
      world.outbox,
      inbox,
      idempotency,
    );

    const em = await world.dataSource.asDataSource().transaction(async (tx) => {
      await erasure.forget(tx, CANDIDATE);
      return tx;
    });

    const anonymous = world.proposals.stored('p-1').candidateId;
    expect(anonymous).not.toBe(CANDIDATE);
    expect(world.proposals.stored('p-1')).toMatchObject({ comment: null, reasonCode: 'other', status: 'rejected', version: 2 });
    expect(world.proposals.stored('p-2').candidateId).toBe(anonymous);
    expect(world.placements.stored('pl-1').candidateId).toBe(anonymous);
    expect(world.proposals.stored('p-3')).toMatchObject({ candidateId: OTHER, comment: 'about someone else' });
    expect(world.outbox.forgotten).toEqual([{ em, payloadField: 'candidateId', value: CANDIDATE }]);
    // The withdrawals appended before (none in this spec) are sent, then deleted; her inbox rows and recorded answers go.
    expect(world.outbox.marked.map(({ em: tx, aggregateIds, value }) => ({ tx, aggregateIds, value }))).toEqual([
      { tx: em, aggregateIds: [CANDIDATE], value: CANDIDATE },
    ]);
    expect(inbox.forgets).toEqual([{ em, aggregateIds: [CANDIDATE] }]);
    expect(idempotency.forgotten).toEqual([CANDIDATE]);
  });
});
