import { CandidateError } from '../../candidate.errors';

export class UnknownWorkplaceError extends CandidateError<'UNKNOWN_WORKPLACE'> {
  readonly code = 'UNKNOWN_WORKPLACE' as const;
  constructor(workplaceId: string) {
    super(`workplaceId: no known workplace (employer) ${workplaceId}`, { field: 'workplaceId' });
  }
}

export class InvalidPeriodError extends CandidateError<'INVALID_PERIOD'> {
  readonly code = 'INVALID_PERIOD' as const;
  constructor() {
    super('endDate: must be on or after startDate', { field: 'endDate' });
  }
}

export class UnknownTaskError extends CandidateError<'UNKNOWN_TASK'> {
  readonly code = 'UNKNOWN_TASK' as const;
  constructor(taskId: string) {
    super(`taskId: unknown task ${taskId}`, { field: 'taskId' });
  }
}

export class InvalidLevelError extends CandidateError<'INVALID_LEVEL'> {
  readonly code = 'INVALID_LEVEL' as const;
  constructor(level: number) {
    super(`level: must be 1, 2 or 3, got ${level}`, { field: 'level' });
  }
}

export class AssessmentOutsidePeriodError extends CandidateError<'ASSESSMENT_OUTSIDE_PERIOD'> {
  readonly code = 'ASSESSMENT_OUTSIDE_PERIOD' as const;
  constructor(assessedOn: string, startDate: string, endDate: string) {
    super(`assessedOn: ${assessedOn} is outside the internship period ${startDate} to ${endDate}`, { field: 'assessedOn' });
  }
}

export class AssessmentInFutureError extends CandidateError<'ASSESSMENT_IN_FUTURE'> {
  readonly code = 'ASSESSMENT_IN_FUTURE' as const;
  constructor(assessedOn: string, today: string) {
    super(`assessedOn: ${assessedOn} is after today (${today}); a task is assessed once it has been performed`, {
      field: 'assessedOn',
      today,
    });
  }
}

export class InternshipNotFoundError extends CandidateError<'INTERNSHIP_NOT_FOUND'> {
  readonly code = 'INTERNSHIP_NOT_FOUND' as const;
  constructor(id: string) {
    super(`internship ${id} not found`);
  }
}

export class AssessmentNotFoundError extends CandidateError<'ASSESSMENT_NOT_FOUND'> {
  readonly code = 'ASSESSMENT_NOT_FOUND' as const;
  constructor(id: string) {
    super(`assessment ${id} not found`);
  }
}

export class AlreadyCertifiedError extends CandidateError<'ALREADY_CERTIFIED'> {
  readonly code = 'ALREADY_CERTIFIED' as const;
  constructor(assessmentId: string, validationId: string) {
    super(`assessment ${assessmentId} is already certified as validation ${validationId}`, { validationId });
  }
}

export class ValidationNotFoundError extends CandidateError<'VALIDATION_NOT_FOUND'> {
  readonly code = 'VALIDATION_NOT_FOUND' as const;
  constructor(id: string) {
    super(`validation ${id} not found`);
  }
}

export class AlreadyRevokedError extends CandidateError<'ALREADY_REVOKED'> {
  readonly code = 'ALREADY_REVOKED' as const;
  constructor(id: string) {
    super(`validation ${id} is already revoked`);
  }
}

export class RoleNotFoundError extends CandidateError<'ROLE_NOT_FOUND'> {
  readonly code = 'ROLE_NOT_FOUND' as const;
  constructor(roleId: string, version?: number) {
    super(`roleId: role ${roleId}${version ? ` version ${version}` : ''} is not known here`, { field: 'roleId' });
  }
}
