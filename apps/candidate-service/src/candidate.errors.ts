import { ClientErrorStatus, DomainError } from '@jobbspar/platform';

/** Every error code candidate-service can answer with: the one list. A DomainError of this service names one of them. */
export const CANDIDATE_ERROR_CODES = [
  'CANDIDATE_NOT_FOUND',
  'UNKNOWN_MUNICIPALITY',
  'MUNICIPALITY_OUTSIDE_AREA',
  'UNKNOWN_OCCUPATION',
  'INVALID_IDENTITY_NUMBER',
  'IDENTITY_NUMBER_TAKEN',
  'MATCHING_CONSENT_REQUIRED',
  'INVALID_FOLLOW_UP',
  'UNKNOWN_WORKPLACE',
  'INVALID_PERIOD',
  'UNKNOWN_TASK',
  'INVALID_LEVEL',
  'ASSESSMENT_OUTSIDE_PERIOD',
  'ASSESSMENT_IN_FUTURE',
  'INTERNSHIP_NOT_FOUND',
  'ASSESSMENT_NOT_FOUND',
  'ALREADY_CERTIFIED',
  'VALIDATION_NOT_FOUND',
  'ALREADY_REVOKED',
  'ROLE_NOT_FOUND',
  'UNKNOWN_REGION',
] as const;

export type CandidateErrorCode = (typeof CANDIDATE_ERROR_CODES)[number];

/** Base of every business-rule error of this service: its code must be in the list, so it has a status below. */
export abstract class CandidateError<C extends CandidateErrorCode> extends DomainError<C> {}

/**
 * Each code's HTTP status. A code without a status does not compile, nor does a status for a code not in the list:
 * a municipality outside the caller's area 403 (which municipalities exist is no secret), unknown referenced things 404, state conflicts 409, well-formed but semantically invalid input (unknown codes,
 * dates outside a period, missing consent) 422.
 */
export const CANDIDATE_ERROR_STATUSES = {
  CANDIDATE_NOT_FOUND: 404,
  UNKNOWN_MUNICIPALITY: 422,
  MUNICIPALITY_OUTSIDE_AREA: 403,
  UNKNOWN_OCCUPATION: 422,
  INVALID_IDENTITY_NUMBER: 422,
  IDENTITY_NUMBER_TAKEN: 409,
  MATCHING_CONSENT_REQUIRED: 422,
  INVALID_FOLLOW_UP: 422,
  UNKNOWN_WORKPLACE: 422,
  INVALID_PERIOD: 422,
  UNKNOWN_TASK: 422,
  INVALID_LEVEL: 422,
  ASSESSMENT_OUTSIDE_PERIOD: 422,
  ASSESSMENT_IN_FUTURE: 422,
  INTERNSHIP_NOT_FOUND: 404,
  ASSESSMENT_NOT_FOUND: 404,
  ALREADY_CERTIFIED: 409,
  VALIDATION_NOT_FOUND: 404,
  ALREADY_REVOKED: 409,
  ROLE_NOT_FOUND: 404,
  UNKNOWN_REGION: 422,
} as const satisfies Record<CandidateErrorCode, ClientErrorStatus>;
