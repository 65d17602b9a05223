import { DomainError } from '@jobbspar/platform';

export class UnknownWorkplaceError extends DomainError<'UNKNOWN_WORKPLACE'> {
  readonly code = 'UNKNOWN_WORKPLACE' as const;
  constructor(workplaceId: string) {
    super(`workplaceId: no known workplace (employer) ${workplaceId}`, { field: 'workplaceId' });
  }
}

export class InvalidPeriodError extends DomainError<'INVALID_PERIOD'> {
  readonly code = 'INVALID_PERIOD' as const;
  constructor() {
    super('endDate: must be on or after startDate', { field: 'endDate' });
  }
}

export class UnknownTaskError extends DomainError<'UNKNOWN_TASK'> {
  readonly code = 'UNKNOWN_TASK' as const;
  constructor(taskId: string) {
    super(`taskId: unknown task ${taskId}`, { field: 'taskId' });
  }
}

export class InvalidLevelError extends DomainError<'INVALID_LEVEL'> {
  readonly code = 'INVALID_LEVEL' as const;
  constructor(level: number) {
    super(`level: must be 1, 2 or 3, got ${level}`, { field: 'level' });
  }
}

export class AssessmentOutsidePeriodError extends DomainError<'ASSESSMENT_OUTSIDE_PERIOD'> {
  readonly code = 'ASSESSMENT_OUTSIDE_PERIOD' as const;
  constructor(assessedOn: string, startDate: string, endDate: string) {
    super(`assessedOn: ${assessedOn} is outside the internship period ${startDate} to ${endDate}`, { field: 'assessedOn' });
  }
}

export class InternshipNotFoundError extends DomainError<'INTERNSHIP_NOT_FOUND'> {
  readonly code = 'INTERNSHIP_NOT_FOUND' as const;
  constructor(id: string) {
    super(`internship ${id} not found`);
  }
}

export class AssessmentNotFoundError extends DomainError<'ASSESSMENT_NOT_FOUND'> {
  readonly code = 'ASSESSMENT_NOT_FOUND' as const;
  constructor(id: string) {
    super(`assessment ${id} not found`);
  }
}

export class AlreadyCertifiedError extends DomainError<'ALREADY_CERTIFIED'> {
  readonly code = 'ALREADY_CERTIFIED' as const;
  constructor(assessmentId: string, validationId: string) {
    super(`assessment ${assessmentId} is already certified as validation ${validationId}`, { validationId });
  }
}

export class ValidationNotFoundError extends DomainError<'VALIDATION_NOT_FOUND'> {
  readonly code = 'VALIDATION_NOT_FOUND' as const;
  constructor(id: string) {
    super(`validation ${id} not found`);
  }
}

export class AlreadyRevokedError extends DomainError<'ALREADY_REVOKED'> {
  readonly code = 'ALREADY_REVOKED' as const;
  constructor(id: string) {
    super(`validation ${id} is already revoked`);
  }
}

export class RoleNotFoundError extends DomainError<'ROLE_NOT_FOUND'> {
  readonly code = 'ROLE_NOT_FOUND' as const;
  constructor(roleId: string, version?: number) {
    super(`roleId: role ${roleId}${version ? ` version ${version}` : ''} is not known here`, { field: 'roleId' });
  }
}

export const INTERNSHIP_ERROR_CODES = [
  'UNKNOWN_WORKPLACE',
  'INVALID_PERIOD',
  'UNKNOWN_TASK',
  'INVALID_LEVEL',
  'ASSESSMENT_OUTSIDE_PERIOD',
  'INTERNSHIP_NOT_FOUND',
  'ASSESSMENT_NOT_FOUND',
  'ALREADY_CERTIFIED',
  'VALIDATION_NOT_FOUND',
  'ALREADY_REVOKED',
  'ROLE_NOT_FOUND',
] as const;
export type InternshipErrorCode = (typeof INTERNSHIP_ERROR_CODES)[number];
