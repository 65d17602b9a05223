import { CANDIDATE_ERROR_CODES, CANDIDATE_ERROR_STATUSES, CandidateError } from './candidate.errors';
import { CandidateNotFoundError, InvalidIdentityNumberError } from './candidates/domain/candidate.errors';
import { AlreadyRevokedError, UnknownWorkplaceError } from './internships/domain/internship.errors';

// An error whose code is not in the list does not compile (`npm run typecheck` fails if this line stops erroring).
// @ts-expect-error 'NOT_IN_THE_LIST' is no CandidateErrorCode
export class StrayError extends CandidateError<'NOT_IN_THE_LIST'> {
  readonly code = 'NOT_IN_THE_LIST' as const;
}

describe('candidate-service error codes', () => {
  it('gives every code of the one list a status, and nothing else', () => {
    expect(Object.keys(CANDIDATE_ERROR_STATUSES).sort()).toEqual([...CANDIDATE_ERROR_CODES].sort());
  });

  it("answers each module's errors with the status of their code", () => {
    expect(CANDIDATE_ERROR_STATUSES[new CandidateNotFoundError('c-1').code]).toBe(404);
    expect(CANDIDATE_ERROR_STATUSES[new InvalidIdentityNumberError('bad').code]).toBe(422);
    expect(CANDIDATE_ERROR_STATUSES[new AlreadyRevokedError('v-1').code]).toBe(409);
    expect(CANDIDATE_ERROR_STATUSES[new UnknownWorkplaceError('w-1').code]).toBe(422);
  });
});
