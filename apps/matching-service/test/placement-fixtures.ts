import type { SupportMeasuresV1 } from '@jobbspar/contracts';
import type { PlacementProps } from '../src/placements/domain/placement';
import { CANDIDATE, EMPLOYER, NEED, PROPOSAL } from './fakes';

export const PLACEMENT = '6f1c1f8e-0000-4000-8000-0000000000b1';
export const OTHER_PLACEMENT = '6f1c1f8e-0000-4000-8000-0000000000b2';
export const support: SupportMeasuresV1 = { supervisor: true, languageSupport: false, studyCounselling: true };

/** A placement under way since 2026-02-01, overridable per test. */
export function placementProps(over: Partial<PlacementProps> = {}): PlacementProps {
  return {
    placementId: PLACEMENT,
    proposalId: PROPOSAL,
    needId: NEED,
    candidateId: CANDIDATE,
    employerId: EMPLOYER,
    placementType: 'internship',
    tenant: 'se-uppsala',
    startDate: '2026-02-01',
    support,
    status: 'started',
    endDate: null,
    outcome: null,
    followUps: [],
    version: 1,
    ...over,
  };
}
