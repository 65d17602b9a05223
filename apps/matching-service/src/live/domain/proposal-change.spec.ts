import { parseProposalChange, queueChangeOf } from './proposal-change';

describe('proposal changes as the review queue sees them', () => {
  it('adds a new or re-proposed proposal, rescoring one that stays, and lets one go when it is reviewed or withdrawn', () => {
    expect(queueChangeOf({ status: 'proposed', previousStatus: null })).toBe('proposal-added');
    expect(queueChangeOf({ status: 'proposed', previousStatus: 'withdrawn' })).toBe('proposal-added');
    expect(queueChangeOf({ status: 'proposed', previousStatus: 'proposed' })).toBe('proposal-rescored');
    for (const status of ['accepted', 'rejected', 'withdrawn'] as const)
      expect(queueChangeOf({ status, previousStatus: 'proposed' })).toBe('proposal-left');
    expect(queueChangeOf({ status: 'placed', previousStatus: 'accepted' })).toBeUndefined();
  });

  it('reads the trigger payload and ignores anything else on the channel', () => {
    const payload = {
      proposalId: 'p',
      needId: 'n',
      status: 'proposed',
      previousStatus: null,
      score: 61.5,
      tenant: 'se-14',
      municipality: '1496',
    };
    expect(parseProposalChange(JSON.stringify(payload))).toEqual(payload);
    expect(parseProposalChange('not json')).toBeUndefined();
    expect(parseProposalChange(JSON.stringify({ ...payload, status: 'lost' }))).toBeUndefined();
    expect(parseProposalChange(JSON.stringify({ ...payload, tenant: undefined }))).toBeUndefined();
    expect(parseProposalChange(undefined)).toBeUndefined();
  });
});
