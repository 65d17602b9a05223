import { ClientErrorStatus, DomainError } from '@jobbspar/platform';

/** Every error code matching-service can answer with: the one list. */
export const MATCHING_ERROR_CODES = [
  'PROPOSAL_NOT_FOUND',
  'PROPOSAL_STATE_CONFLICT',
  'PLACEMENT_NOT_FOUND',
  'PLACEMENT_STATE_CONFLICT',
  'PLACEMENT_DATE_INVALID',
  'WEIGHTS_INVALID',
  'SUPPLY_PREVIEW_INVALID',
  'CANDIDATE_NOT_FOUND',
  'NEED_NOT_FOUND',
] as const;

export type MatchingErrorCode = (typeof MATCHING_ERROR_CODES)[number];

/** Base of every DomainError of this service: a code outside the list does not compile. */
export abstract class MatchingError<C extends MatchingErrorCode> extends DomainError<C> {}

/**
 * The HTTP status of each code, exhaustively: a code in the list without a status here, or a status for a code not
 * in the list, does not compile. 404: the addressed resource does not exist; 409: its state forbids the change;
 * 422: well-formed but impossible.
 */
export const MATCHING_ERROR_STATUSES = {
  PROPOSAL_NOT_FOUND: 404,
  PROPOSAL_STATE_CONFLICT: 409,
  PLACEMENT_NOT_FOUND: 404,
  PLACEMENT_STATE_CONFLICT: 409,
  PLACEMENT_DATE_INVALID: 422,
  WEIGHTS_INVALID: 422,
  SUPPLY_PREVIEW_INVALID: 422,
  CANDIDATE_NOT_FOUND: 404,
  NEED_NOT_FOUND: 404,
} as const satisfies Record<MatchingErrorCode, ClientErrorStatus>;
