import { MatchingError } from '../../matching.errors';

export class PlacementNotFound extends MatchingError<'PLACEMENT_NOT_FOUND'> {
  readonly code = 'PLACEMENT_NOT_FOUND';
  constructor(placementId: string) {
    super(`placement ${placementId} does not exist`, { placementId });
  }
}

export class PlacementStateConflict extends MatchingError<'PLACEMENT_STATE_CONFLICT'> {
  readonly code = 'PLACEMENT_STATE_CONFLICT';
  constructor(message: string, details: Record<string, unknown>) {
    super(message, details);
  }
}

/** Well-formed but impossible dates, e.g. an end before the start. */
export class PlacementDateInvalid extends MatchingError<'PLACEMENT_DATE_INVALID'> {
  readonly code = 'PLACEMENT_DATE_INVALID';
  constructor(field: string, message: string, details: Record<string, unknown> = {}) {
    super(`${field}: ${message}`, { field, ...details });
  }
}
