import { ClientErrorStatus } from '@jobbspar/platform';

/**
 * Every error code this service can answer with, mapped to its HTTP status. A new DomainError code must be added
 * here, or the app does not compile.
 */
export const MATCHING_ERROR_STATUSES = {
  PLACEHOLDER: 400,
} as const satisfies Record<string, ClientErrorStatus>;

export type MatchingErrorCode = keyof typeof MATCHING_ERROR_STATUSES;
