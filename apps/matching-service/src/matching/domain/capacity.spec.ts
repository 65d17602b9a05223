import { candidateCapacity, needCapacity, supervisedCapacity } from './capacity';

const M = { proposalsPerPosition: 3 };
const K = { maxOpenProposalsPerCandidate: 3 };

describe('capacities', () => {
  it('gives an open need positions left × M slots, minus its accepted proposals', () => {
    expect(needCapacity({ status: 'open', positionsLeft: 2 }, 0, M)).toBe(6);
    expect(needCapacity({ status: 'open', positionsLeft: 2 }, 4, M)).toBe(2);
    expect(needCapacity({ status: 'open', positionsLeft: 1 }, 5, M)).toBe(0);
  });

  it('gives a need that is not open, unknown or without positions no slot', () => {
    expect(needCapacity({ status: 'closed', positionsLeft: 2 }, 0, M)).toBe(0);
    expect(needCapacity({ status: 'filled', positionsLeft: 0 }, 0, M)).toBe(0);
    expect(needCapacity({ status: 'open', positionsLeft: 0 }, 0, M)).toBe(0);
    expect(needCapacity(undefined, 0, M)).toBe(0);
  });

  it('gives a candidate K slots minus her accepted proposals, and none without consent', () => {
    expect(candidateCapacity({ eligible: true }, 0, K)).toBe(3);
    expect(candidateCapacity({ eligible: true }, 2, K)).toBe(1);
    expect(candidateCapacity({ eligible: true }, 7, K)).toBe(0);
    expect(candidateCapacity({ eligible: false }, 0, K)).toBe(0);
    expect(candidateCapacity(undefined, 0, K)).toBe(0);
  });

  it('gives a need its supervisor capacity minus accepted candidates who need close supervision, never below 0; no bound if unknown', () => {
    const need = { terms: { support: { supervisorCapacity: 2 } } };
    expect(supervisedCapacity(need, 0)).toBe(2);
    expect(supervisedCapacity(need, 1)).toBe(1);
    expect(supervisedCapacity(need, 3)).toBe(0);
    expect(supervisedCapacity(undefined, 0)).toBeUndefined();
  });
});
