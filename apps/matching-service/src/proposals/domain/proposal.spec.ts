import type { Explanation } from '@jobbspar/matching-core';
import { Proposal, ProposalProps, ProposalStatus } from './proposal';
import { ProposalStateConflict } from './proposal.errors';

const NOW = new Date('2026-03-02T09:00:00Z');

const proposal = (status: ProposalStatus, over: Partial<ProposalProps> = {}): Proposal =>
  Proposal.restore({
    proposalId: 'p1',
    needId: 'n1',
    candidateId: 'c1',
    pairId: null,
    status,
    score: 72.5,
    explanation: { score: 72.5, weightsVersion: 'default-v1', factors: [], tasksCovered: [], tasksMissing: [] },
    weightsVersion: 'default-v1',
    acceptedScore: null,
    acceptedExplanation: null,
    tenant: 'se-14',
    municipality: '1496',
    occupations: ['5120'],
    reasonCode: null,
    comment: null,
    withdrawalReason: null,
    reviewedBy: null,
    reviewedAt: null,
    decidedBy: null,
    decidedAt: null,
    declineReason: null,
    createdAt: new Date('2026-03-01T08:00:00Z'),
    version: 3,
    ...over,
  });

describe('proposal lifecycle', () => {
  it('is proposed at version 1 with a created event', () => {
    const p = Proposal.propose(
      {
        proposalId: 'p9',
        needId: 'n1',
        candidateId: 'c1',
        pairId: 'pair-1',
        score: 50,
        explanation: proposal('proposed').toProps().explanation,
        weightsVersion: 'default-v1',
        tenant: 'se-14',
        municipality: '1496',
        occupations: ['5120'],
      },
      NOW,
    );
    expect(p.toProps()).toMatchObject({ status: 'proposed', version: 1, pairId: 'pair-1', createdAt: NOW, reviewedBy: null });
    expect(p.pullEvents()).toEqual([{ type: 'created', version: 1 }]);
    expect(p.pullEvents()).toEqual([]);
  });

  it('accepts or rejects a proposed proposal, keeping the reviewer, the reason and comment of a rejection', () => {
    const accepted = proposal('proposed');
    accepted.accept('coordinator:c-1', NOW);
    expect(accepted.toProps()).toMatchObject({
      status: 'accepted',
      reviewedBy: 'coordinator:c-1',
      reviewedAt: NOW,
      version: 4,
      acceptedScore: 72.5,
      acceptedExplanation: accepted.toProps().explanation,
    });
    expect(accepted.pullEvents()).toEqual([{ type: 'reviewed', version: 4 }]);

    const rejected = proposal('proposed');
    rejected.reject('commute-not-feasible', 'two buses', 'coordinator:c-1', NOW);
    expect(rejected.toProps()).toMatchObject({ status: 'rejected', reasonCode: 'commute-not-feasible', comment: 'two buses', version: 4 });
    expect(rejected.pullEvents()).toEqual([{ type: 'reviewed', version: 4 }]);
  });

  it.each(['accepted', 'rejected', 'withdrawn', 'placed', 'declined'] as const)('refuses to review a %s proposal', (status) => {
    const p = proposal(status);
    expect(() => p.accept('coordinator:c-1', NOW)).toThrow(ProposalStateConflict);
    expect(() => p.reject('other', null, 'coordinator:c-1', NOW)).toThrow(ProposalStateConflict);
    expect(p.toProps()).toMatchObject({ status, version: 3 });
    expect(p.pullEvents()).toEqual([]);
  });

  it('is confirmed by the employer only once accepted: placed, with who answered and when, the reviewer kept', () => {
    const placed = proposal('accepted', { reviewedBy: 'coordinator:bo-2', reviewedAt: new Date('2026-03-01T10:00:00Z') });
    placed.confirm('pl-1', '2026-03-09', 'employer:anna-1', NOW);
    expect(placed.toProps()).toMatchObject({
      status: 'placed',
      reviewedBy: 'coordinator:bo-2',
      decidedBy: 'employer:anna-1',
      decidedAt: NOW,
      declineReason: null,
      version: 4,
    });
    expect(placed.pullEvents()).toEqual([{ type: 'confirmed', version: 4, placementId: 'pl-1', startDate: '2026-03-09' }]);
    for (const status of ['proposed', 'rejected', 'withdrawn', 'placed', 'declined'] as const) {
      const p = proposal(status);
      expect(() => p.confirm('pl-1', '2026-03-09', 'employer:anna-1', NOW)).toThrow(ProposalStateConflict);
      expect(p.toProps()).toMatchObject({ status, version: 3, decidedBy: null });
      expect(p.pullEvents()).toEqual([]);
    }
  });

  it('is declined by the employer only once accepted, with her reason code', () => {
    const declined = proposal('accepted', { reviewedBy: 'coordinator:bo-2' });
    declined.decline('support-not-available', 'employer:anna-1', NOW);
    expect(declined.toProps()).toMatchObject({
      status: 'declined',
      declineReason: 'support-not-available',
      decidedBy: 'employer:anna-1',
      decidedAt: NOW,
      reviewedBy: 'coordinator:bo-2',
      version: 4,
    });
    expect(declined.pullEvents()).toEqual([{ type: 'declined', version: 4, reason: 'support-not-available' }]);
    for (const status of ['proposed', 'rejected', 'withdrawn', 'placed', 'declined'] as const) {
      const p = proposal(status);
      expect(() => p.decline('other', 'employer:anna-1', NOW)).toThrow(ProposalStateConflict);
      expect(p.toProps()).toMatchObject({ status, version: 3, declineReason: null });
    }
  });

  it('knows when it was accepted: the review time of an accepted one, never of a rejection', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    expect(proposal('accepted', { reviewedAt: at, acceptedScore: 72.5 }).acceptedAt).toEqual(at);
    expect(proposal('rejected', { reviewedAt: at, acceptedScore: null }).acceptedAt).toBeNull();
    expect(proposal('proposed').acceptedAt).toBeNull();
  });

  it('can no longer be withdrawn once the employer declined it', () => {
    expect(() => proposal('declined').withdraw('need-closed')).toThrow(ProposalStateConflict);
  });

  it('withdraws open (proposed or accepted) proposals only', () => {
    const proposed = proposal('proposed');
    proposed.withdraw('need-closed');
    expect(proposed.toProps()).toMatchObject({ status: 'withdrawn', withdrawalReason: 'need-closed', version: 4 });
    expect(proposed.pullEvents()).toEqual([{ type: 'withdrawn', version: 4, reason: 'need-closed' }]);
    const accepted = proposal('accepted');
    accepted.withdraw('consent-withdrawn');
    expect(accepted.status).toBe('withdrawn');
    for (const status of ['rejected', 'withdrawn', 'placed'] as const) {
      expect(() => proposal(status).withdraw('reoptimised')).toThrow(ProposalStateConflict);
    }
  });

  const better: Explanation = {
    score: 81.25,
    weightsVersion: 'default-v1',
    factors: [],
    tasksCovered: [{ taskId: 'kitchen.dishwashing', required: 1, reached: 2, weight: 'nice-to-have' }],
    tasksMissing: [],
  };

  it('takes the current score while proposed and records a rescored event with the previous score', () => {
    const p = proposal('proposed');
    expect(p.rescore(81.25, better, 'default-v1')).toBe(true);
    expect(p.toProps()).toMatchObject({ score: 81.25, explanation: better, version: 4, acceptedScore: null });
    expect(p.pullEvents()).toEqual([{ type: 'rescored', version: 4, previousScore: 72.5, status: 'proposed' }]);
  });

  it('keeps the accepted score beside the current one when an accepted proposal is rescored', () => {
    const p = proposal('proposed');
    const acceptedWith = p.toProps().explanation;
    p.accept('coordinator:c-1', NOW);
    p.pullEvents();
    p.rescore(81.25, better, 'default-v1');
    expect(p.toProps()).toMatchObject({
      status: 'accepted',
      score: 81.25,
      explanation: better,
      acceptedScore: 72.5,
      acceptedExplanation: acceptedWith,
    });
    expect(p.pullEvents()).toEqual([{ type: 'rescored', version: 5, previousScore: 72.5, status: 'accepted' }]);
  });

  it('records nothing when the score and explanation are what it carries, whatever the order of their keys', () => {
    const p = proposal('proposed');
    const same = p.toProps().explanation;
    const reordered = {
      tasksMissing: same.tasksMissing,
      tasksCovered: same.tasksCovered,
      factors: same.factors,
      weightsVersion: same.weightsVersion,
      score: same.score,
    };
    expect(p.rescore(72.5, reordered, 'default-v1')).toBe(false);
    expect(p.toProps().version).toBe(3);
    expect(p.pullEvents()).toEqual([]);
    // The explanation alone changing (same points, another task reached) is a rescore too.
    expect(p.rescore(72.5, { ...same, tasksCovered: better.tasksCovered }, 'default-v1')).toBe(true);
  });

  it.each(['rejected', 'withdrawn', 'placed'] as const)('refuses to rescore a %s proposal', (status) => {
    const p = proposal(status);
    expect(() => p.rescore(81.25, better, 'default-v1')).toThrow(ProposalStateConflict);
    expect(p.toProps()).toMatchObject({ score: 72.5, version: 3 });
  });

  it('joins a later pair only while proposed and alone, without a transition', () => {
    const p = proposal('proposed');
    p.joinPair('pair-9');
    expect(p.toProps()).toMatchObject({ pairId: 'pair-9', version: 3 });
    expect(p.pullEvents()).toEqual([]);
    expect(() => p.joinPair('pair-10')).toThrow(ProposalStateConflict);
    expect(() => proposal('accepted').joinPair('pair-9')).toThrow(ProposalStateConflict);
  });

  it('forgets the candidate on erasure: a new id, no comment, the same version and no event', () => {
    const p = proposal('rejected', { reasonCode: 'other', comment: 'personal note' });
    p.forgetCandidate('anon-1');
    expect(p.toProps()).toMatchObject({ candidateId: 'anon-1', comment: null, reasonCode: 'other', status: 'rejected', version: 3 });
    expect(p.pullEvents()).toEqual([]);
  });
});
