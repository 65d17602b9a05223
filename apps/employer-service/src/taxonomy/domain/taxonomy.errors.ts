import { EmployerError } from '../../employer.errors';
import { TAXONOMY_VERSION } from '@jobbspar/taxonomy';

/**
 * A well-formed code that the taxonomy does not know. The request is readable but means nothing, so it is a 422,
 * not a 400 (malformed) nor a 404 (the resource addressed by the path is missing).
 */
export class UnknownMunicipalityError extends EmployerError<'UNKNOWN_MUNICIPALITY'> {
  readonly code = 'UNKNOWN_MUNICIPALITY';
  constructor(field: string, code: string) {
    super(`${field}: '${code}' is not a municipality code in taxonomy ${TAXONOMY_VERSION}`, { field, value: code });
  }
}

export class UnknownCountyError extends EmployerError<'UNKNOWN_COUNTY'> {
  readonly code = 'UNKNOWN_COUNTY';
  constructor(field: string, code: string) {
    super(`${field}: '${code}' is not a county code in taxonomy ${TAXONOMY_VERSION}`, { field, value: code });
  }
}

export class UnknownOccupationError extends EmployerError<'UNKNOWN_OCCUPATION'> {
  readonly code = 'UNKNOWN_OCCUPATION';
  constructor(field: string, ssyk: string) {
    super(`${field}: '${ssyk}' is not an SSYK code in taxonomy ${TAXONOMY_VERSION}`, { field, value: ssyk });
  }
}

export class UnknownTaskError extends EmployerError<'UNKNOWN_TASK'> {
  readonly code = 'UNKNOWN_TASK';
  constructor(field: string, taskId: string) {
    super(`${field}: '${taskId}' is not a task in taxonomy ${TAXONOMY_VERSION}`, { field, value: taskId });
  }
}

export class ShortageOverrideNotFoundError extends EmployerError<'SHORTAGE_OVERRIDE_NOT_FOUND'> {
  readonly code = 'SHORTAGE_OVERRIDE_NOT_FOUND';
  constructor(countyCode: string, ssyk: string) {
    super(`no shortage override for county ${countyCode} and occupation ${ssyk}`, { countyCode, ssyk });
  }
}
