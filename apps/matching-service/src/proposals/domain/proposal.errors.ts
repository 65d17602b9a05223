import { MatchingError } from '../../matching.errors';

export class ProposalNotFound extends MatchingError<'PROPOSAL_NOT_FOUND'> {
  readonly code = 'PROPOSAL_NOT_FOUND';
  constructor(proposalId: string) {
    super(`proposal ${proposalId} does not exist`, { proposalId });
  }
}

/** Review, placement or withdrawal asked of a proposal in a state that does not allow it. */
export class ProposalStateConflict extends MatchingError<'PROPOSAL_STATE_CONFLICT'> {
  readonly code = 'PROPOSAL_STATE_CONFLICT';
  constructor(proposalId: string, status: string, action: string) {
    super(`proposal ${proposalId} is ${status}: cannot ${action}`, { proposalId, status, action });
  }
}
