import { CandidateError } from '../../candidate.errors';

export class UnknownRegionError extends CandidateError<'UNKNOWN_REGION'> {
  readonly code = 'UNKNOWN_REGION' as const;
  constructor(region: string) {
    super(`region: no region ${JSON.stringify(region)} (expected se-<county code>)`, { field: 'region' });
  }
}
