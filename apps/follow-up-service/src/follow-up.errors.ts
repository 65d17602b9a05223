import { ClientErrorStatus } from '@jobbspar/platform';
import type { GoalErrorCode } from './goals/domain/goal.errors';
import type { OutcomeErrorCode } from './outcomes/domain/outcome.errors';
import type { MalformedRegionError, RegionForbiddenError, UnknownRegionError } from './common/region';

type DomainErrorCode =
  GoalErrorCode | OutcomeErrorCode | MalformedRegionError['code'] | UnknownRegionError['code'] | RegionForbiddenError['code'];

/** Every error code this service answers with, and its status: a new code without one does not compile. */
export const FOLLOW_UP_ERROR_STATUSES = {
  MALFORMED_REGION: 400,
  UNKNOWN_REGION: 404,
  REGION_FORBIDDEN: 403,
  GOAL_NOT_FOUND: 404,
  INVALID_GOAL: 422,
  INVALID_FIGURES: 422,
  MONTH_NOT_RELEASED: 409,
} as const satisfies Record<DomainErrorCode, ClientErrorStatus>;
