import { MatchingError } from '../../matching.errors';

/** Weights that do not sum to 100, or with a factor out of range. */
export class WeightsInvalid extends MatchingError<'WEIGHTS_INVALID'> {
  readonly code = 'WEIGHTS_INVALID';
  constructor(message: string) {
    super(message);
  }
}
