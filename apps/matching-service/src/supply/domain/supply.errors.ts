import { MatchingError } from '../../matching.errors';

/** A draft role that cannot be previewed: a task or municipality the taxonomy does not know, a task twice. */
export class SupplyPreviewInvalid extends MatchingError<'SUPPLY_PREVIEW_INVALID'> {
  readonly code = 'SUPPLY_PREVIEW_INVALID';
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { field });
  }
}
