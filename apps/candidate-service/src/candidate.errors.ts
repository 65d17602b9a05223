import { ClientErrorStatus } from '@jobbspar/platform';
import type { CandidateDomainErrorCode } from './candidates/domain/candidate.errors';
import type { InternshipErrorCode } from './internships/domain/internship.errors';

/**
 * Every error code this service can answer with, mapped to its HTTP status. A new DomainError code must be added
 * here, or the app does not compile: unknown referenced things 404, state conflicts 409, well-formed but
 * semantically invalid input (unknown codes, dates outside a period, missing consent) 422.
 */
export const CANDIDATE_ERROR_STATUSES: Record<CandidateDomainErrorCode | InternshipErrorCode, ClientErrorStatus> = {
  CANDIDATE_NOT_FOUND: 404,
  UNKNOWN_MUNICIPALITY: 422,
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
  INTERNSHIP_NOT_FOUND: 404,
  ASSESSMENT_NOT_FOUND: 404,
  ALREADY_CERTIFIED: 409,
  VALIDATION_NOT_FOUND: 404,
  ALREADY_REVOKED: 409,
  ROLE_NOT_FOUND: 404,
};

export type CandidateErrorCode = keyof typeof CANDIDATE_ERROR_STATUSES;
