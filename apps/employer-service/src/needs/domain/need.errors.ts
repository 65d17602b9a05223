import { EmployerError } from '../../employer.errors';
import type { NeedStatus } from '@jobbspar/contracts';

export class NeedNotFoundError extends EmployerError<'NEED_NOT_FOUND'> {
  readonly code = 'NEED_NOT_FOUND';
  constructor(needId: string) {
    super(`id: no need with id ${needId}`, { field: 'id', needId });
  }
}

/** A filled or closed need is history: matching has let go of it, so changing it would change nothing real. */
export class NeedNotEditableError extends EmployerError<'NEED_NOT_EDITABLE'> {
  readonly code = 'NEED_NOT_EDITABLE';
  constructor(needId: string, status: NeedStatus) {
    super(`status: need ${needId} is ${status} and can no longer be changed`, { field: 'status', needId, status });
  }
}

export class NeedAlreadyClosedError extends EmployerError<'NEED_ALREADY_CLOSED'> {
  readonly code = 'NEED_ALREADY_CLOSED';
  constructor(needId: string, status: NeedStatus) {
    super(`status: need ${needId} is already ${status}`, { field: 'status', needId, status });
  }
}

export class NeedNotDraftError extends EmployerError<'NEED_NOT_DRAFT'> {
  readonly code = 'NEED_NOT_DRAFT';
  constructor(needId: string, status: NeedStatus) {
    super(`status: need ${needId} is ${status}; only a draft can be opened`, { field: 'status', needId, status });
  }
}

/** A placement can only start on a need that was open; a draft was never published, so this is a broken event. */
export class NeedNotOpenForPlacementError extends EmployerError<'NEED_NOT_OPEN_FOR_PLACEMENT'> {
  readonly code = 'NEED_NOT_OPEN_FOR_PLACEMENT';
  constructor(needId: string, status: NeedStatus) {
    super(`needId: need ${needId} is ${status}; a placement cannot start on it`, { field: 'needId', needId, status });
  }
}

export class PlacementEmployerMismatchError extends EmployerError<'PLACEMENT_EMPLOYER_MISMATCH'> {
  readonly code = 'PLACEMENT_EMPLOYER_MISMATCH';
  constructor(needId: string, expected: string, got: string) {
    super(`employerId: need ${needId} belongs to employer ${expected}, not ${got}`, { field: 'employerId', needId });
  }
}

export class StartDateInPastError extends EmployerError<'START_DATE_IN_PAST'> {
  readonly code = 'START_DATE_IN_PAST';
  constructor(startDate: string, today: string) {
    super(`startDate: ${startDate} is in the past (today is ${today} in Sweden)`, { field: 'startDate', startDate, today });
  }
}

export class InvalidNeedFieldError extends EmployerError<'INVALID_NEED_FIELD'> {
  readonly code = 'INVALID_NEED_FIELD';
  constructor(field: string, why: string) {
    super(`${field}: ${why}`, { field });
  }
}

export class PositionsBelowFilledError extends EmployerError<'POSITIONS_BELOW_FILLED'> {
  readonly code = 'POSITIONS_BELOW_FILLED';
  constructor(positions: number, filled: number) {
    super(`positions: ${positions} leaves no open position, ${filled} already filled; close the need instead`, {
      field: 'positions',
      positions,
      positionsFilled: filled,
    });
  }
}

export class EmptyNeedUpdateError extends EmployerError<'EMPTY_NEED_UPDATE'> {
  readonly code = 'EMPTY_NEED_UPDATE';
  constructor() {
    super('body: name at least one of positions, startDate, placementType, support', { field: 'body' });
  }
}
