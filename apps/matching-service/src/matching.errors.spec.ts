import { MATCHING_ERROR_CODES, MATCHING_ERROR_STATUSES, MatchingError } from './matching.errors';
import { PlacementDateInvalid, PlacementNotFound } from './placements/domain/placement.errors';
import { ProposalStateConflict } from './proposals/domain/proposal.errors';
import { WeightsInvalid } from './weights/domain/weights.errors';

// An error whose code is not in the list does not compile (`npm run typecheck` fails if this line stops erroring).
// @ts-expect-error 'NOT_IN_THE_LIST' is no MatchingErrorCode
export class StrayError extends MatchingError<'NOT_IN_THE_LIST'> {
  readonly code = 'NOT_IN_THE_LIST' as const;
}

describe('matching-service error codes', () => {
  it('gives every code of the one list a status, and nothing else', () => {
    expect(Object.keys(MATCHING_ERROR_STATUSES).sort()).toEqual([...MATCHING_ERROR_CODES].sort());
  });

  it("answers each module's errors with the status of their code", () => {
    expect(MATCHING_ERROR_STATUSES[new ProposalStateConflict('p-1', 'placed', 'accept').code]).toBe(409);
    expect(MATCHING_ERROR_STATUSES[new PlacementNotFound('pl-1').code]).toBe(404);
    expect(MATCHING_ERROR_STATUSES[new PlacementDateInvalid('endDate', 'before the start').code]).toBe(422);
    expect(MATCHING_ERROR_STATUSES[new WeightsInvalid('do not sum to 100').code]).toBe(422);
  });
});
