import type { MatchingSettings } from '../../config/env';

/**
 * How many more proposals the assignment may hold open. An accepted proposal already takes one of the need's slots
 * (and one of the candidate's) until it becomes a placement; a placement then shows up as one position fewer on the
 * need's next snapshot, and holds one of the candidate's slots until it ends.
 */
export function needCapacity(
  need: { status: string; positionsLeft: number } | undefined,
  acceptedNotPlaced: number,
  settings: Pick<MatchingSettings, 'proposalsPerPosition'>,
): number {
  if (!need || need.status !== 'open' || need.positionsLeft <= 0) return 0;
  return Math.max(0, need.positionsLeft * settings.proposalsPerPosition - acceptedNotPlaced);
}

export function candidateCapacity(
  candidate: { eligible: boolean } | undefined,
  /** Accepted proposals plus placements under way. */
  accepted: number,
  settings: Pick<MatchingSettings, 'maxOpenProposalsPerCandidate'>,
): number {
  if (!candidate?.eligible) return 0;
  return Math.max(0, settings.maxOpenProposalsPerCandidate - accepted);
}

/**
 * How many more candidates who need close supervision the need may be proposed with: its supervisor capacity minus
 * those who need it among its accepted proposals and its placements under way. Undefined (no bound) for a need matching does not know.
 */
export function supervisedCapacity(
  need: { terms: { support: { supervisorCapacity: number } } } | undefined,
  acceptedNeedingSupervision: number,
): number | undefined {
  if (!need) return undefined;
  return Math.max(0, need.terms.support.supervisorCapacity - acceptedNeedingSupervision);
}
