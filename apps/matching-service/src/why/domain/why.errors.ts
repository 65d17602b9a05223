import { MatchingError } from '../../matching.errors';

/** The candidate matching does not know, or not one the caller may ask about (answered alike: 404). */
export class CandidateNotFound extends MatchingError<'CANDIDATE_NOT_FOUND'> {
  readonly code = 'CANDIDATE_NOT_FOUND';
  constructor(candidateId: string) {
    super(`candidate ${candidateId} does not exist`, { candidateId });
  }
}

/** The need matching does not know, or not one the caller may ask about (answered alike: 404). */
export class NeedNotFound extends MatchingError<'NEED_NOT_FOUND'> {
  readonly code = 'NEED_NOT_FOUND';
  constructor(needId: string) {
    super(`need ${needId} does not exist`, { needId });
  }
}
