import type { CandidateForMatching, NeedForMatching } from '../src/types';

export function aCandidate(overrides: Partial<CandidateForMatching> = {}): CandidateForMatching {
  return {
    candidateId: 'cand-1',
    homeMunicipality: '1283',
    availableFrom: '2025-01-01',
    maxCommuteMinutes: 45,
    interests: ['5120'],
    supportNeeds: { closeSupervision: false, languageSupport: false },
    consentActive: true,
    waitingSince: '2024-01-01',
    validations: { cook: 2, clean: 1 },
    ...overrides,
  };
}

export function aNeed(overrides: Partial<NeedForMatching> = {}): NeedForMatching {
  return {
    needId: 'need-1',
    status: 'open',
    positionsLeft: 2,
    startDate: '2025-03-01',
    workplaceMunicipality: '1282',
    occupations: ['5120'],
    tasks: [
      { taskId: 'cook', requiredLevel: 2, weight: 'must-have' },
      { taskId: 'clean', requiredLevel: 2, weight: 'nice-to-have' },
    ],
    shortage: true,
    support: { supervisorCapacity: 1, languageSupport: true, pairInternshipAllowed: false },
    ...overrides,
  };
}
