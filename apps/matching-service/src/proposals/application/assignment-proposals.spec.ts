import { ProposalCreatedV1, ProposalRescoredV1, ProposalWithdrawnV1 } from '@jobbspar/contracts';
import { CANDIDATE, fakeWorld, NEED, proposalProps } from '../../../test/fakes';
import { AssignmentProposals, ChosenEdge, ProposalTarget } from './assignment-proposals';

const cause = { actor: 'system:matching-service', correlationId: 'corr-solve-0001', causationId: '6f1c1f8e-0000-4000-8000-0000000000ee' };
const NOW = new Date('2026-05-20T10:00:00Z');
const C2 = '6f1c1f8e-0000-4000-8000-0000000000c2';
const C3 = '6f1c1f8e-0000-4000-8000-0000000000c3';
const P_OPEN = '6f1c1f8e-0000-4000-8000-000000000011';
const P_ACCEPTED = '6f1c1f8e-0000-4000-8000-000000000012';
const P_OTHER = '6f1c1f8e-0000-4000-8000-000000000013';
const P_ELSEWHERE = '6f1c1f8e-0000-4000-8000-000000000014';
const OTHER_NEED = '6f1c1f8e-0000-4000-8000-0000000000a2';

const target = (over: Partial<ProposalTarget> = {}): ProposalTarget => ({
  needId: NEED,
  tenant: 'se-14',
  municipality: '1496',
  occupations: ['5120'],
  pairInternshipAllowed: false,
  ...over,
});
const chosen = (candidateId: string, score: number): ChosenEdge => ({
  candidateId,
  score,
  explanation: { score, weightsVersion: 'se-14-v2', factors: [], tasksCovered: [], tasksMissing: [] },
  weightsVersion: 'se-14-v2',
});

function setup() {
  const world = fakeWorld(NOW);
  const proposals = new AssignmentProposals(world.proposals, world.outbox, world.clock);
  const inTransaction = <T>(work: (em: Parameters<AssignmentProposals['propose']>[0]) => Promise<T>) =>
    world.dataSource.asDataSource().transaction(work);
  return { ...world, subject: proposals, inTransaction };
}

describe(AssignmentProposals.name, () => {
  it("proposes each chosen candidate with her edge's score and explanation, and publishes ProposalCreated at version 1", async () => {
    const { subject, inTransaction, proposals, outbox } = setup();

    await inTransaction((em) => subject.propose(em, [{ need: target(), edges: [chosen(CANDIDATE, 70), chosen(C2, 55)] }], cause));

    const stored = [...proposals.rows.values()];
    expect(stored.map((p) => [p.candidateId, p.score, p.status, p.version, p.pairId])).toEqual([
      [CANDIDATE, 70, 'proposed', 1, null],
      [C2, 55, 'proposed', 1, null],
    ]);
    expect(stored[0]).toMatchObject({ needId: NEED, tenant: 'se-14', municipality: '1496', occupations: ['5120'], createdAt: NOW });
    expect(outbox.types()).toEqual(['ProposalCreated', 'ProposalCreated']);
    expect(outbox.appended[0].contract).toBe(ProposalCreatedV1);
    expect(outbox.appended[0].payload).toEqual({
      proposalId: stored[0].proposalId,
      needId: NEED,
      candidateId: CANDIDATE,
      score: 70,
      weightsVersion: 'se-14-v2',
      explanation: chosen(CANDIDATE, 70).explanation,
    });
    expect(outbox.appended[0].ctx).toEqual({ tenant: 'se-14', aggregateId: stored[0].proposalId, aggregateVersion: 1, ...cause });
  });

  it('pairs best with next best where the workplace allows pair internships, the odd one out alone', async () => {
    const { subject, inTransaction, proposals, outbox } = setup();

    await inTransaction((em) =>
      subject.propose(
        em,
        [{ need: target({ pairInternshipAllowed: true }), edges: [chosen(C3, 40), chosen(CANDIDATE, 90), chosen(C2, 80)] }],
        cause,
      ),
    );

    const pairOf = (id: string) => [...proposals.rows.values()].find((p) => p.candidateId === id)!.pairId;
    expect(pairOf(CANDIDATE)).toEqual(expect.any(String));
    expect(pairOf(C2)).toBe(pairOf(CANDIDATE));
    expect(pairOf(C3)).toBeNull();
    expect(outbox.appended.filter((e) => (e.payload as { pairId?: string }).pairId === pairOf(CANDIDATE))).toHaveLength(2);
  });

  it('withdraws only proposed proposals of the pairs named, each with its reason, at its next version', async () => {
    const { subject, inTransaction, proposals, outbox } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_ACCEPTED, candidateId: C2, status: 'accepted', version: 2 }));
    proposals.seed(proposalProps({ proposalId: P_OTHER, candidateId: C3, version: 1 }));

    await inTransaction((em) =>
      subject.withdrawProposed(
        em,
        [
          { candidateId: CANDIDATE, needId: NEED, reason: 'reoptimised' },
          { candidateId: C2, needId: NEED, reason: 'no-longer-eligible' },
        ],
        cause,
      ),
    );

    expect(proposals.stored(P_OPEN)).toMatchObject({ status: 'withdrawn', withdrawalReason: 'reoptimised', version: 2 });
    expect(proposals.stored(P_ACCEPTED)).toMatchObject({ status: 'accepted', version: 2 });
    expect(proposals.stored(P_OTHER)).toMatchObject({ status: 'proposed' });
    expect(outbox.appended.map((e) => [e.contract, e.payload, e.ctx.aggregateVersion])).toEqual([
      [ProposalWithdrawnV1, { proposalId: P_OPEN, needId: NEED, candidateId: CANDIDATE, reason: 'reoptimised' }, 2],
    ]);
  });

  it("withdraws a need's accepted proposals when it closes, and says which slots are free again", async () => {
    const { subject, inTransaction, proposals, outbox } = setup();
    proposals.seed(proposalProps({ proposalId: P_ACCEPTED, candidateId: C2, status: 'accepted', version: 2 }));
    proposals.seed(proposalProps({ proposalId: P_ELSEWHERE, needId: OTHER_NEED, status: 'accepted', version: 2 }));

    const freed = await inTransaction((em) => subject.withdrawAccepted(em, { needId: NEED }, 'need-closed', cause));

    expect(freed).toEqual([{ candidateId: C2, needId: NEED }]);
    expect(proposals.stored(P_ACCEPTED)).toMatchObject({ status: 'withdrawn', withdrawalReason: 'need-closed', version: 3 });
    expect(proposals.stored(P_ELSEWHERE).status).toBe('accepted');
    expect(outbox.appended.map((e) => (e.payload as { reason: string }).reason)).toEqual(['need-closed']);
  });

  it('publishes a solve’s withdrawals, proposals and rescores in one outbox statement, in the order they happened', async () => {
    const { subject, inTransaction, proposals, outbox } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_OTHER, candidateId: C3, score: 40, version: 1 }));
    const statements = jest.spyOn(outbox, 'appendMany');
    const rescore = { candidateId: C3, needId: NEED, score: 45, explanation: chosen(C3, 45).explanation, weightsVersion: 'se-14-v2' };

    await inTransaction((em) =>
      subject.publishingOnce(em, async () => {
        await subject.withdrawProposed(em, [{ candidateId: CANDIDATE, needId: NEED, reason: 'reoptimised' }], cause);
        await subject.publishingOnce(em, () => subject.propose(em, [{ need: target(), edges: [chosen(C2, 55)] }], cause));
        await subject.rescore(em, [rescore], cause);
        // Nothing is in the outbox before the work is done.
        expect(outbox.appended).toEqual([]);
      }),
    );

    expect(statements).toHaveBeenCalledTimes(1);
    expect(outbox.types()).toEqual(['ProposalWithdrawn', 'ProposalCreated', 'ProposalRescored']);
    expect(outbox.appended.map((e) => e.ctx.aggregateVersion)).toEqual([2, 1, 2]);
    // Outside it, each step writes its own.
    await inTransaction((em) => subject.withdrawProposed(em, [{ candidateId: C3, needId: NEED, reason: 'reoptimised' }], cause));
    expect(statements).toHaveBeenCalledTimes(2);
  });

  it('writes no event when the work inside publishingOnce fails', async () => {
    const { subject, inTransaction, proposals, outbox } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, version: 1 }));

    await expect(
      inTransaction((em) =>
        subject.publishingOnce(em, async () => {
          await subject.withdrawProposed(em, [{ candidateId: CANDIDATE, needId: NEED, reason: 'reoptimised' }], cause);
          throw new Error('solve failed');
        }),
      ),
    ).rejects.toThrow('solve failed');

    expect(outbox.appended).toEqual([]);
  });

  it('writes nothing for an empty diff', async () => {
    const { subject, inTransaction, journal, outbox } = setup();

    await inTransaction(async (em) => {
      await subject.propose(em, [], cause);
      await subject.withdrawProposed(em, [], cause);
    });

    expect(journal).toEqual([]);
    expect(outbox.appended).toEqual([]);
  });

  it('rescores open proposals whose score changed, proposed and accepted, and publishes ProposalRescored; others stay', async () => {
    const { subject, inTransaction, proposals, outbox } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, score: 62.5, version: 1 }));
    proposals.seed(
      proposalProps({ proposalId: P_ACCEPTED, candidateId: C2, status: 'accepted', score: 50, acceptedScore: 50, version: 2 }),
    );
    proposals.seed(proposalProps({ proposalId: P_OTHER, candidateId: C3, score: 40, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_ELSEWHERE, candidateId: CANDIDATE, needId: OTHER_NEED, status: 'rejected', score: 30 }));
    const unchanged = proposals.stored(P_OTHER);

    await inTransaction((em) =>
      subject.rescore(
        em,
        [
          { ...chosen(CANDIDATE, 70), needId: NEED },
          { ...chosen(C2, 65), needId: NEED },
          { candidateId: C3, needId: NEED, score: 40, explanation: unchanged.explanation, weightsVersion: unchanged.weightsVersion },
          { ...chosen(CANDIDATE, 99), needId: OTHER_NEED },
        ],
        cause,
      ),
    );

    expect(proposals.stored(P_OPEN)).toMatchObject({
      score: 70,
      explanation: chosen(CANDIDATE, 70).explanation,
      weightsVersion: 'se-14-v2',
      version: 2,
    });
    expect(proposals.stored(P_ACCEPTED)).toMatchObject({ status: 'accepted', score: 65, acceptedScore: 50, version: 3 });
    expect(proposals.stored(P_OTHER)).toMatchObject({ score: 40, version: 1 });
    expect(proposals.stored(P_ELSEWHERE)).toMatchObject({ status: 'rejected', score: 30 });
    expect(outbox.types()).toEqual(['ProposalRescored', 'ProposalRescored']);
    expect(outbox.appended[0].contract).toBe(ProposalRescoredV1);
    expect(outbox.appended[0].payload).toEqual({
      proposalId: P_OPEN,
      needId: NEED,
      candidateId: CANDIDATE,
      status: 'proposed',
      score: 70,
      previousScore: 62.5,
      weightsVersion: 'se-14-v2',
      explanation: chosen(CANDIDATE, 70).explanation,
    });
    expect(outbox.appended[0].ctx).toMatchObject({ aggregateId: P_OPEN, aggregateVersion: 2 });
    expect(outbox.appended[1].payload).toMatchObject({ proposalId: P_ACCEPTED, status: 'accepted', score: 65, previousScore: 50 });
  });

  it('pairs a new proposal with an earlier open single of the need (pairs across solves), announcing it with the new ProposalCreated', async () => {
    const { subject, inTransaction, proposals, outbox } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, score: 85, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_OTHER, candidateId: C3, score: 60, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_ELSEWHERE, candidateId: C3, needId: OTHER_NEED, score: 90, version: 1 }));

    await inTransaction((em) => subject.propose(em, [{ need: target({ pairInternshipAllowed: true }), edges: [chosen(C2, 80)] }], cause));

    const mine = [...proposals.rows.values()].find((p) => p.candidateId === C2)!;
    expect(mine.pairId).toEqual(expect.any(String));
    // The best earlier single (85) joins the new one (80); the other earlier one (60) stays alone, as does the other need's.
    expect(proposals.stored(P_OPEN)).toMatchObject({ pairId: mine.pairId, version: 1, status: 'proposed' });
    expect(proposals.stored(P_OTHER).pairId).toBeNull();
    expect(proposals.stored(P_ELSEWHERE).pairId).toBeNull();
    expect(outbox.types()).toEqual(['ProposalCreated']);
    expect(outbox.appended[0].payload).toMatchObject({ candidateId: C2, pairId: mine.pairId });
  });

  it("pairs each need's new proposal with that need's own best single, the needs' singles read in one go", async () => {
    const { subject, inTransaction, proposals, journal } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, score: 85, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_OTHER, candidateId: C3, score: 60, version: 1 }));
    proposals.seed(proposalProps({ proposalId: P_ELSEWHERE, candidateId: C3, needId: OTHER_NEED, score: 50, version: 1 }));
    journal.length = 0;

    await inTransaction((em) =>
      subject.propose(
        em,
        [
          { need: target({ pairInternshipAllowed: true }), edges: [chosen(C2, 80)] },
          { need: target({ needId: OTHER_NEED, pairInternshipAllowed: true }), edges: [chosen(CANDIDATE, 70)] },
        ],
        cause,
      ),
    );

    const created = (needId: string) =>
      [...proposals.rows.values()].find(
        (p) => p.needId === needId && p.version === 1 && p.pairId && p.proposalId !== P_OPEN && p.proposalId !== P_ELSEWHERE,
      )!;
    expect(proposals.stored(P_OPEN).pairId).toBe(created(NEED).pairId);
    expect(proposals.stored(P_ELSEWHERE).pairId).toBe(created(OTHER_NEED).pairId);
    expect(created(NEED).pairId).not.toBe(created(OTHER_NEED).pairId);
    expect(proposals.stored(P_OTHER).pairId).toBeNull();
    expect(journal.filter((j) => j === 'proposals.findOpenSingles')).toHaveLength(1);
  });

  it('pairs nothing across solves where the workplace does not allow pair internships', async () => {
    const { subject, inTransaction, proposals } = setup();
    proposals.seed(proposalProps({ proposalId: P_OPEN, candidateId: CANDIDATE, score: 85, version: 1 }));

    await inTransaction((em) => subject.propose(em, [{ need: target(), edges: [chosen(C2, 80)] }], cause));

    expect([...proposals.rows.values()].map((p) => p.pairId)).toEqual([null, null]);
  });
});
