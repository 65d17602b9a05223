import { EmployerError } from '../../employer.errors';

export class RoleNotFoundError extends EmployerError<'ROLE_NOT_FOUND'> {
  readonly code = 'ROLE_NOT_FOUND';
  constructor(field: string, roleId: string) {
    super(`${field}: no role with id ${roleId}`, { field, roleId });
  }
}

export class RoleVersionNotFoundError extends EmployerError<'ROLE_VERSION_NOT_FOUND'> {
  readonly code = 'ROLE_VERSION_NOT_FOUND';
  constructor(field: string, roleId: string, version: number, latest: number) {
    super(`${field}: role ${roleId} has no version ${version} (latest is ${latest})`, { field, roleId, version, latest });
  }
}

/** A role's tasks break a composition rule; `field` points at the offending entry, e.g. `tasks[2].requiredLevel`. */
export class InvalidRoleCompositionError extends EmployerError<'INVALID_ROLE_COMPOSITION'> {
  readonly code = 'INVALID_ROLE_COMPOSITION';
  constructor(
    field: string,
    readonly rule: RoleCompositionRule,
    why: string,
  ) {
    super(`${field}: ${why}`, { field, rule });
  }
}

export type RoleCompositionRule =
  | 'no-tasks'
  | 'too-many-tasks'
  | 'no-must-have'
  | 'task-twice'
  | 'level-out-of-range'
  | 'unknown-weight'
  | 'name-empty'
  | 'name-too-long'
  | 'occupation-without-task'
  | 'task-outside-occupations'
  | 'occupation-twice'
  | 'too-many-occupations';

/** Only a municipality's HR composes new roles; other employers use standard roles or the municipalities' roles. */
export class EmployerCannotComposeRolesError extends EmployerError<'EMPLOYER_CANNOT_COMPOSE_ROLES'> {
  readonly code = 'EMPLOYER_CANNOT_COMPOSE_ROLES';
  constructor(employerId: string) {
    super(`employerId: employer ${employerId} is not a municipality, so it cannot compose roles`, { field: 'employerId', employerId });
  }
}

/** Standard roles follow the taxonomy; they change by re-deriving them (POST /roles/standard), not by hand. */
export class StandardRoleNotEditableError extends EmployerError<'STANDARD_ROLE_NOT_EDITABLE'> {
  readonly code = 'STANDARD_ROLE_NOT_EDITABLE';
  constructor(roleId: string) {
    super(`id: role ${roleId} is a standard role taken from the taxonomy and cannot be edited`, { field: 'id', roleId });
  }
}
