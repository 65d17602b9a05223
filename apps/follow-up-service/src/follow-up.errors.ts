import { ClientErrorStatus, DomainError } from '@jobbspar/platform';

/** Every error code follow-up-service can answer with: the one list. A DomainError of this service names one of them. */
export const FOLLOW_UP_ERROR_CODES = [
  'MALFORMED_REGION',
  'UNKNOWN_REGION',
  'REGION_FORBIDDEN',
  'GOAL_NOT_FOUND',
  'INVALID_GOAL',
  'INVALID_FIGURES',
  'MONTH_NOT_RELEASED',
] as const;

export type FollowUpErrorCode = (typeof FOLLOW_UP_ERROR_CODES)[number];

/** Base of every business-rule error of this service: its code must be in the list, so it has a status below. */
export abstract class FollowUpError<C extends FollowUpErrorCode> extends DomainError<C> {}

/**
 * Each code's HTTP status. A code without a status does not compile, nor does a status for a code not in the list.
 * 409: the month is not released yet (its figures still move); 422: well-formed but meaningless.
 */
export const FOLLOW_UP_ERROR_STATUSES = {
  MALFORMED_REGION: 400,
  UNKNOWN_REGION: 404,
  REGION_FORBIDDEN: 403,
  GOAL_NOT_FOUND: 404,
  INVALID_GOAL: 422,
  INVALID_FIGURES: 422,
  MONTH_NOT_RELEASED: 409,
} as const satisfies Record<FollowUpErrorCode, ClientErrorStatus>;
