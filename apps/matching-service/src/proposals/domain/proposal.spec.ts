import { accept, place, ProposalState, reject, withdraw } from './proposal';
import { ProposalStateConflict } from './proposal.errors';

const proposal = (status: ProposalState['status']): ProposalState => ({
  proposalId: 'p1',
  status,
  reasonCode: null,
  comment: null,
  withdrawalReason: null,
});

describe('proposal lifecycle', () => {
  it('accepts or rejects a proposed proposal, keeping the reason and comment of a rejection', () => {
    expect(accept(proposal('proposed')).status).toBe('accepted');
    const rejected = reject(proposal('proposed'), 'commute-not-feasible', 'two buses');
    expect(rejected).toMatchObject({ status: 'rejected', reasonCode: 'commute-not-feasible', comment: 'two buses' });
  });

  it.each(['accepted', 'rejected', 'withdrawn', 'placed'] as const)('refuses to review a %s proposal', (status) => {
    expect(() => accept(proposal(status))).toThrow(ProposalStateConflict);
    expect(() => reject(proposal(status), 'other', null)).toThrow(ProposalStateConflict);
  });

  it('starts a placement only from an accepted proposal', () => {
    expect(place(proposal('accepted')).status).toBe('placed');
    for (const status of ['proposed', 'rejected', 'withdrawn', 'placed'] as const) {
      expect(() => place(proposal(status))).toThrow(ProposalStateConflict);
    }
  });

  it('withdraws open (proposed or accepted) proposals only', () => {
    expect(withdraw(proposal('proposed'), 'need-closed')).toMatchObject({ status: 'withdrawn', withdrawalReason: 'need-closed' });
    expect(withdraw(proposal('accepted'), 'consent-withdrawn').status).toBe('withdrawn');
    for (const status of ['rejected', 'withdrawn', 'placed'] as const) {
      expect(() => withdraw(proposal(status), 'reoptimised')).toThrow(ProposalStateConflict);
    }
  });
});
