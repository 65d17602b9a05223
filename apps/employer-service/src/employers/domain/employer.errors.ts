import { EmployerError } from '../../employer.errors';
import type { OrganisationNumberProblem } from './organisation-number';

const WHY: Record<OrganisationNumberProblem, string> = {
  format: 'must be NNNNNN-NNNN (ten digits with a hyphen after the sixth)',
  'not-a-legal-entity': 'third digit must be 2 or more for a legal entity (a lower one is a personal identity number)',
  'check-digit': 'check digit (last digit, Luhn mod 10) does not match the first nine digits',
};

export class InvalidOrganisationNumberError extends EmployerError<'INVALID_ORGANISATION_NUMBER'> {
  readonly code = 'INVALID_ORGANISATION_NUMBER';
  constructor(value: string, problem: OrganisationNumberProblem) {
    super(`organisationNumber: '${value}' is not a valid organisation number: ${WHY[problem]}`, { field: 'organisationNumber', problem });
  }
}

export class EmployerAlreadyRegisteredError extends EmployerError<'EMPLOYER_ALREADY_REGISTERED'> {
  readonly code = 'EMPLOYER_ALREADY_REGISTERED';
  constructor(organisationNumber: string, employerId?: string) {
    super(`organisationNumber: an employer with organisation number ${organisationNumber} is already registered`, {
      field: 'organisationNumber',
      ...(employerId ? { employerId } : {}),
    });
  }
}

export class EmployerNotFoundError extends EmployerError<'EMPLOYER_NOT_FOUND'> {
  readonly code = 'EMPLOYER_NOT_FOUND';
  constructor(field: string, employerId: string) {
    super(`${field}: no employer with id ${employerId}`, { field, employerId });
  }
}

/** A municipality is a public body in legal form group 2; anything else claiming to be one is refused. */
export class NotAMunicipalityError extends EmployerError<'NOT_A_MUNICIPALITY'> {
  readonly code = 'NOT_A_MUNICIPALITY';
  constructor(reason: string) {
    super(`isMunicipality: ${reason}`, { field: 'isMunicipality' });
  }
}
