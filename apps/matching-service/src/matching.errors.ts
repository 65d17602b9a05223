import { ClientErrorStatus } from '@jobbspar/platform';

/**
 * Every error code this service can answer with, mapped to its HTTP status. A new DomainError code must be added
 * here, or the app does not compile.
 */
export const MATCHING_ERROR_STATUSES = {
  PROPOSAL_NOT_FOUND: 404,
  PROPOSAL_STATE_CONFLICT: 409,
  PLACEMENT_NOT_FOUND: 404,
  PLACEMENT_STATE_CONFLICT: 409,
  PLACEMENT_DATE_INVALID: 422,
  WEIGHTS_INVALID: 422,
} as const satisfies Record<string, ClientErrorStatus>;

export type MatchingErrorCode = keyof typeof MATCHING_ERROR_STATUSES;
