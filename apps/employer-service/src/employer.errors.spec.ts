import { EMPLOYER_ERROR_CODES, EMPLOYER_ERROR_STATUSES, EmployerError } from './employer.errors';
import { EmployerNotFoundError } from './employers/domain/employer.errors';
import { NeedNotEditableError } from './needs/domain/need.errors';

// An error whose code is not in the list does not compile (`npm run typecheck` fails if this line stops erroring).
// @ts-expect-error 'NOT_IN_THE_LIST' is no EmployerErrorCode
export class StrayError extends EmployerError<'NOT_IN_THE_LIST'> {
  readonly code = 'NOT_IN_THE_LIST' as const;
}

describe('employer-service error codes', () => {
  it('gives every code of the one list a status, and nothing else', () => {
    expect(Object.keys(EMPLOYER_ERROR_STATUSES).sort()).toEqual([...EMPLOYER_ERROR_CODES].sort());
  });

  it("answers each module's errors with the status of their code", () => {
    expect(EMPLOYER_ERROR_STATUSES[new EmployerNotFoundError('employerId', 'e-1').code]).toBe(404);
    expect(EMPLOYER_ERROR_STATUSES[new NeedNotEditableError('n-1', 'filled').code]).toBe(409);
  });
});
