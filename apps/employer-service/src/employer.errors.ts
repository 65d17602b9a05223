import { ClientErrorStatus } from '@jobbspar/platform';
import type { EmployerErrorCode as EmployersCode } from './employers/domain/employer.errors';
import type { NeedErrorCode } from './needs/domain/need.errors';
import type { RoleErrorCode } from './roles/domain/role.errors';
import type { TaxonomyErrorCode } from './taxonomy/domain/taxonomy.errors';

type DomainErrorCode = EmployersCode | RoleErrorCode | NeedErrorCode | TaxonomyErrorCode;

/**
 * Every error code this service can answer with, mapped to its HTTP status. A new DomainError code must be added
 * here, or the app does not compile; a code that no error has any more does not compile either.
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
} as const satisfies Record<DomainErrorCode, ClientErrorStatus>;

export type EmployerErrorCode = keyof typeof EMPLOYER_ERROR_STATUSES;
