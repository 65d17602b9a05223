import { ClientErrorStatus, DomainError } from '@jobbspar/platform';

/** Every error code employer-service can answer with: the one list. A DomainError of this service names one of them. */
export const EMPLOYER_ERROR_CODES = [
  'INVALID_ORGANISATION_NUMBER',
  'EMPLOYER_ALREADY_REGISTERED',
  'EMPLOYER_NOT_FOUND',
  'NOT_A_MUNICIPALITY',
  'ROLE_NOT_FOUND',
  'ROLE_VERSION_NOT_FOUND',
  'INVALID_ROLE_COMPOSITION',
  'EMPLOYER_CANNOT_COMPOSE_ROLES',
  'STANDARD_ROLE_NOT_EDITABLE',
  'NEED_NOT_FOUND',
  'NEED_NOT_EDITABLE',
  'NEED_ALREADY_CLOSED',
  'NEED_NOT_DRAFT',
  'NEED_NOT_OPEN_FOR_PLACEMENT',
  'PLACEMENT_EMPLOYER_MISMATCH',
  'START_DATE_IN_PAST',
  'INVALID_NEED_FIELD',
  'POSITIONS_BELOW_FILLED',
  'EMPTY_NEED_UPDATE',
  'UNKNOWN_MUNICIPALITY',
  'UNKNOWN_COUNTY',
  'UNKNOWN_OCCUPATION',
  'UNKNOWN_TASK',
  'SHORTAGE_OVERRIDE_NOT_FOUND',
] as const;

export type EmployerErrorCode = (typeof EMPLOYER_ERROR_CODES)[number];

/** Base of every business-rule error of this service: its code must be in the list, so it has a status below. */
export abstract class EmployerError<C extends EmployerErrorCode> extends DomainError<C> {}

/**
 * Each code's HTTP status. A code without a status does not compile, nor does a status for a code not in the list.
 * 404: the resource addressed or referenced by id does not exist. 409: its state forbids the change.
 * 422: well-formed but meaningless (unknown taxonomy code, past start date, broken role composition).
 */
export const EMPLOYER_ERROR_STATUSES = {
  INVALID_ORGANISATION_NUMBER: 422,
  EMPLOYER_ALREADY_REGISTERED: 409,
  EMPLOYER_NOT_FOUND: 404,
  NOT_A_MUNICIPALITY: 422,
  ROLE_NOT_FOUND: 404,
  ROLE_VERSION_NOT_FOUND: 404,
  INVALID_ROLE_COMPOSITION: 422,
  EMPLOYER_CANNOT_COMPOSE_ROLES: 422,
  STANDARD_ROLE_NOT_EDITABLE: 409,
  NEED_NOT_FOUND: 404,
  NEED_NOT_EDITABLE: 409,
  NEED_ALREADY_CLOSED: 409,
  NEED_NOT_DRAFT: 409,
  NEED_NOT_OPEN_FOR_PLACEMENT: 409,
  PLACEMENT_EMPLOYER_MISMATCH: 422,
  START_DATE_IN_PAST: 422,
  INVALID_NEED_FIELD: 422,
  POSITIONS_BELOW_FILLED: 422,
  EMPTY_NEED_UPDATE: 400,
  UNKNOWN_MUNICIPALITY: 422,
  UNKNOWN_COUNTY: 422,
  UNKNOWN_OCCUPATION: 422,
  UNKNOWN_TASK: 422,
  SHORTAGE_OVERRIDE_NOT_FOUND: 404,
} as const satisfies Record<EmployerErrorCode, ClientErrorStatus>;
