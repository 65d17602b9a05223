import { CandidateError, CandidateErrorCode } from '../../candidate.errors';

/** Every error names the offending field in its message and in `details.field`, so a client can point at it. */
abstract class FieldError<C extends CandidateErrorCode> extends CandidateError<C> {
  constructor(field: string, reason: string, details: Record<string, unknown> = {}) {
    super(`${field}: ${reason}`, { field, ...details });
  }
}

export class CandidateNotFoundError extends CandidateError<'CANDIDATE_NOT_FOUND'> {
  readonly code = 'CANDIDATE_NOT_FOUND' as const;
  constructor(candidateId: string) {
    super(`candidate ${candidateId} not found`, { candidateId });
  }
}

export class UnknownMunicipalityError extends FieldError<'UNKNOWN_MUNICIPALITY'> {
  readonly code = 'UNKNOWN_MUNICIPALITY' as const;
  constructor(field: string, code: string) {
    super(field, `unknown municipality code ${code}`);
  }
}

/** Aggregates of a municipality the caller's organisation does not cover: its own area only. */
export class MunicipalityOutsideAreaError extends FieldError<'MUNICIPALITY_OUTSIDE_AREA'> {
  readonly code = 'MUNICIPALITY_OUTSIDE_AREA' as const;
  constructor(field: string, code: string) {
    super(field, `municipality ${code} is outside your organisation's area`);
  }
}

export class UnknownOccupationError extends FieldError<'UNKNOWN_OCCUPATION'> {
  readonly code = 'UNKNOWN_OCCUPATION' as const;
  constructor(field: string, code: string) {
    super(field, `unknown SSYK occupation code ${code}`);
  }
}

export class InvalidIdentityNumberError extends FieldError<'INVALID_IDENTITY_NUMBER'> {
  readonly code = 'INVALID_IDENTITY_NUMBER' as const;
  constructor(reason: string) {
    super('personalIdentityNumber', reason);
  }
}

export class IdentityNumberTakenError extends FieldError<'IDENTITY_NUMBER_TAKEN'> {
  readonly code = 'IDENTITY_NUMBER_TAKEN' as const;
  constructor() {
    super('personalIdentityNumber', 'a candidate with this identity number is already registered');
  }
}

export class MatchingConsentRequiredError extends FieldError<'MATCHING_CONSENT_REQUIRED'> {
  readonly code = 'MATCHING_CONSENT_REQUIRED' as const;
  constructor() {
    super('consent.matching', 'must be true: a candidate is registered for matching only with her consent');
  }
}

export class InvalidFollowUpError extends FieldError<'INVALID_FOLLOW_UP'> {
  readonly code = 'INVALID_FOLLOW_UP' as const;
}
