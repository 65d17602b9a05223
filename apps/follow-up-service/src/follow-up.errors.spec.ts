import { MalformedRegionError } from './common/region';
import { FOLLOW_UP_ERROR_CODES, FOLLOW_UP_ERROR_STATUSES, FollowUpError } from './follow-up.errors';
import { GoalNotFoundError } from './goals/domain/goal.errors';
import { MonthNotReleasedError } from './outcomes/domain/outcome.errors';

// An error whose code is not in the list does not compile (`npm run typecheck` fails if this line stops erroring).
// @ts-expect-error 'NOT_IN_THE_LIST' is no FollowUpErrorCode
export class StrayError extends FollowUpError<'NOT_IN_THE_LIST'> {
  readonly code = 'NOT_IN_THE_LIST' as const;
}

describe('follow-up-service error codes', () => {
  it('gives every code of the one list a status, and nothing else', () => {
    expect(Object.keys(FOLLOW_UP_ERROR_STATUSES).sort()).toEqual([...FOLLOW_UP_ERROR_CODES].sort());
  });

  it("answers each module's errors with the status of their code", () => {
    expect(FOLLOW_UP_ERROR_STATUSES[new MalformedRegionError('x').code]).toBe(400);
    expect(FOLLOW_UP_ERROR_STATUSES[new GoalNotFoundError('g-1').code]).toBe(404);
    expect(FOLLOW_UP_ERROR_STATUSES[new MonthNotReleasedError('2030-01', '2030-02-15').code]).toBe(409);
  });
});
